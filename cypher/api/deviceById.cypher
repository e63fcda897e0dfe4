// A device: the rings that use it as a tool, and whether it is set aside as a hub: by the most
// recent of the runs that keep their hub links (those whose rings stand, and the latest;
// analysis/pruneHubLinks.cypher). An incremental run sets aside only the hubs of the
// components it re-examined, so the latest run alone would forget the others.
MATCH (p:Device {id: $id})
CALL {
  WITH p
  OPTIONAL MATCH (r:Ring)-[t:USES_TOOL]->(p)
  WITH r, t ORDER BY r.score DESC
  RETURN collect(CASE WHEN r IS NULL THEN null ELSE {ringId: r.id, score: r.score, rank: t.rank} END) AS toolOf
}
CALL {
  WITH p
  OPTIONAL MATCH (run:AnalysisRun {status: 'succeeded'})-[h:TREATED_AS_HUB]->(p)
  WITH run, h ORDER BY run.finishedAt DESC LIMIT 1
  RETURN h {.action, .degree, .usage, .limit, .specificity} AS hub
}
RETURN toolOf, hub
