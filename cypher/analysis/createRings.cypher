// A run's rings are written staged: labelled StagedRing, which no reader matches, a bounded
// transaction per chunk, with their signals, members and tools (the link statements), and
// become Ring only in the run's last transaction (promoteStagedRings.cypher), together with
// the retirement of the rings they replace. Written in one transaction, the rings of a
// 1,520,000-borrower platform took more than the 716.8 MiB a Neo4j with a 1 GiB heap allows one.
UNWIND $rings AS ring
MATCH (run:AnalysisRun {id: $runId})
CREATE (r:StagedRing)
SET r = ring
CREATE (r)-[:FOUND_IN]->(run)
