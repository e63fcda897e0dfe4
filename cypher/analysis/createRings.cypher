UNWIND $rings AS ring
MATCH (run:AnalysisRun {id: $runId})
CREATE (r:Ring)
SET r = ring
CREATE (r)-[:FOUND_IN]->(run)
