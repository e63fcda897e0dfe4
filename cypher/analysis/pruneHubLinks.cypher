// Up to $limit of the hub links of runs that no ring was found in any more, deleted; run
// again until it deletes none. Each run links every hub it set aside (up to 2,000), so kept
// they would add a relationship to every hub identifier with each run, a year of hourly
// runs about ten million. What reads them reads a ring's own run (api/ringGraph.cypher) or
// the latest successful one ($keep, this run; api/phoneById.cypher, queries/cutHubs.cypher).
MATCH (run:AnalysisRun)-[h:TREATED_AS_HUB]->()
WHERE run.id <> $keep AND NOT EXISTS { (:Ring)-[:FOUND_IN]->(run) }
WITH h LIMIT $limit
DELETE h
RETURN count(*) AS deleted
