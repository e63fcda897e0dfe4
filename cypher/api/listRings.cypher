// Suspected rings by score (desc) then id, one keyset page: the rows after ($afterScore, $afterId),
// each with its top tools and its latest review (reviews live apart from rings, keyed by ring id).
MATCH (r:Ring)
WHERE r.suspected = true
  AND ($minScore IS NULL OR r.score >= $minScore)
  AND ($afterScore IS NULL OR r.score < $afterScore OR (r.score = $afterScore AND r.id > $afterId))
WITH r ORDER BY r.score DESC, r.id ASC LIMIT $limit
CALL {
  WITH r
  OPTIONAL MATCH (r)-[t:USES_TOOL]->(tool)
  WHERE t.rank <= $tools
  WITH t, tool ORDER BY t.rank
  RETURN collect(CASE WHEN t IS NULL THEN null ELSE {kind: t.kind, id: coalesce(tool.number, tool.id), rank: t.rank, members: t.members, usages: t.usages} END) AS tools
}
CALL {
  WITH r
  OPTIONAL MATCH (rv:Review {ringId: r.id})
  WITH rv ORDER BY rv.at DESC, rv.id DESC LIMIT 1
  RETURN rv {.id, .ringId, .verdict, .note, .at, .by} AS review
}
RETURN r.id AS id, r.runId AS runId, r.score AS score, r.size AS size, r.operated AS operated, r.topSignals AS topSignals, tools, review
ORDER BY score DESC, id ASC
