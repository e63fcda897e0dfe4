// The plan a successful run saw (ad-source sizes, hubs cut, campaigns, channel kinds, as
// JSON: it is read back whole, never queried), replacing the one before it.
MATCH (run:AnalysisRun {id: $id})
OPTIONAL MATCH (old:AnalysisPlan)
DETACH DELETE old
WITH DISTINCT run
CREATE (run)-[:PLANNED]->(:AnalysisPlan {state: $state})
