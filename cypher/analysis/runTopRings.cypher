// The most suspicious rings a run wrote, while they are still the current ones.
MATCH (r:Ring)-[:FOUND_IN]->(:AnalysisRun {id: $id})
WHERE r.suspected = true
WITH r ORDER BY r.score DESC, r.id ASC LIMIT $limit
RETURN r.id AS id, r.score AS score, r.size AS size, r.topSignals AS topSignals
