// Suspected gangs (complaint campaigns above the threshold), strongest first, with what makes
// them suspicious and the run that found them. In Neo4j Browser: run as is.
MATCH (r:Ring)-[:FOUND_IN]->(run:AnalysisRun)
WHERE r.suspected
RETURN r.id AS ring, round(r.score, 3) AS score, r.size AS members, r.operated AS operated,
       r.complainants AS complainants, r.topSignals AS strongestSignals, run.id AS run
ORDER BY score DESC, ring
LIMIT 25
