// A batch of audit events. MERGE on the event id keeps a retried flush from writing twice.
UNWIND $events AS e
MERGE (a:AuditEvent {id: e.id})
ON CREATE SET a.at = datetime(e.at), a.role = e.role, a.keyFingerprint = e.keyFingerprint, a.credential = e.credential, a.method = e.method,
              a.route = e.route, a.status = e.status, a.records = e.records, a.durationMs = e.durationMs
