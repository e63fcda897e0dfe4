// A device: the rings that use it as a tool, and whether the latest run set it aside as a hub.
MATCH (p:Device {id: $id})
CALL {
  WITH p
  OPTIONAL MATCH (r:Ring)-[t:USES_TOOL]->(p)
  WITH r, t ORDER BY r.score DESC
  RETURN collect(CASE WHEN r IS NULL THEN null ELSE {ringId: r.id, score: r.score, rank: t.rank} END) AS toolOf
}
CALL {
  WITH p
  OPTIONAL MATCH (run:AnalysisRun) WHERE run.status = 'succeeded'
  WITH p, run ORDER BY run.finishedAt DESC LIMIT 1
  OPTIONAL MATCH (run)-[h:TREATED_AS_HUB]->(p)
  RETURN h {.action, .degree, .usage, .limit, .specificity} AS hub
}
RETURN toolOf, hub
