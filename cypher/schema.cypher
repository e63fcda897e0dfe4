// Uniqueness constraints on every entity key, applied idempotently at start-up.
// Without them each MERGE on a key would scan the label.
CREATE CONSTRAINT borrower_id IF NOT EXISTS FOR (n:Borrower) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT phone_number IF NOT EXISTS FOR (n:Phone) REQUIRE n.number IS UNIQUE;
CREATE CONSTRAINT device_id IF NOT EXISTS FOR (n:Device) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT complaint_channel_id IF NOT EXISTS FOR (n:ComplaintChannel) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT ad_source_id IF NOT EXISTS FOR (n:AdSource) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT complaint_id IF NOT EXISTS FOR (n:Complaint) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT call_id IF NOT EXISTS FOR (n:Call) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT voiceprint_id IF NOT EXISTS FOR (n:Voiceprint) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT ring_id IF NOT EXISTS FOR (n:Ring) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT analysis_run_id IF NOT EXISTS FOR (n:AnalysisRun) REQUIRE n.id IS UNIQUE;
// Investigator API: reviews outlive the rings they judge (a run deletes and recreates rings),
// so they are their own nodes, found by ring id; the audit trail is read newest first.
CREATE CONSTRAINT review_id IF NOT EXISTS FOR (n:Review) REQUIRE n.id IS UNIQUE;
CREATE INDEX review_ring_id IF NOT EXISTS FOR (n:Review) ON (n.ringId);
CREATE INDEX ring_score IF NOT EXISTS FOR (n:Ring) ON (n.score);
// A run's rings while it writes them, out of every reader's sight (analysis/createRings.cypher).
CREATE INDEX staged_ring_id IF NOT EXISTS FOR (n:StagedRing) ON (n.id);
CREATE TEXT INDEX borrower_name IF NOT EXISTS FOR (n:Borrower) ON (n.name);
CREATE CONSTRAINT audit_event_id IF NOT EXISTS FOR (n:AuditEvent) REQUIRE n.id IS UNIQUE;
CREATE INDEX audit_event_at IF NOT EXISTS FOR (n:AuditEvent) ON (n.at);
// Analysis results: signals are shared nodes the rings point at, campaign templates are the
// tools of gangs tied by their words; runs are listed newest first.
CREATE CONSTRAINT signal_name IF NOT EXISTS FOR (n:Signal) REQUIRE n.name IS UNIQUE;
CREATE CONSTRAINT campaign_template_id IF NOT EXISTS FOR (n:CampaignTemplate) REQUIRE n.id IS UNIQUE;
CREATE INDEX analysis_run_started IF NOT EXISTS FOR (n:AnalysisRun) ON (n.startedAt);
// The runs still running: each run, as it starts, and the server, every minute, look for
// those whose process died (analysis/abandonedRuns.cypher), among every run ever recorded.
CREATE INDEX analysis_run_status IF NOT EXISTS FOR (n:AnalysisRun) ON (n.status);
// Live operation: alerts last raised first, by status, by run and by when a webhook may try
// them again; cases by ring, status and assignee, last changed first; each case's history;
// the rings as the alerts last saw them, and the run they saw.
CREATE CONSTRAINT alert_id IF NOT EXISTS FOR (n:Alert) REQUIRE n.id IS UNIQUE;
CREATE INDEX alert_raised_at IF NOT EXISTS FOR (n:Alert) ON (n.raisedAt);
CREATE INDEX alert_status IF NOT EXISTS FOR (n:Alert) ON (n.status);
CREATE INDEX alert_run_id IF NOT EXISTS FOR (n:Alert) ON (n.runId);
CREATE INDEX alert_next_attempt IF NOT EXISTS FOR (n:Alert) ON (n.nextAttemptAt);
CREATE CONSTRAINT case_id IF NOT EXISTS FOR (n:Case) REQUIRE n.id IS UNIQUE;
CREATE INDEX case_ring_id IF NOT EXISTS FOR (n:Case) ON (n.ringId);
CREATE INDEX case_status IF NOT EXISTS FOR (n:Case) ON (n.status);
CREATE INDEX case_assignee IF NOT EXISTS FOR (n:Case) ON (n.assignee);
CREATE INDEX case_updated_at IF NOT EXISTS FOR (n:Case) ON (n.updatedAt);
CREATE CONSTRAINT case_event_id IF NOT EXISTS FOR (n:CaseEvent) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT ring_snapshot_id IF NOT EXISTS FOR (n:RingSnapshot) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT alert_state_id IF NOT EXISTS FOR (n:AlertState) REQUIRE n.id IS UNIQUE;
