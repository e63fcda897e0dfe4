// Rings of one kind by score (desc) then id, one keyset page: the rows after ($afterScore, $afterId),
// each with its top tools and its latest review (reviews live apart from rings, keyed by ring id).
// complaintCampaign lists the suspected gangs; sharedOperator the clusters listed apart.
MATCH (r:Ring)
WHERE r.kind = $kind
  AND ($kind <> 'complaintCampaign' OR r.suspected = true)
  AND ($minScore IS NULL OR r.score >= $minScore)
  AND ($afterScore IS NULL OR r.score < $afterScore OR (r.score = $afterScore AND r.id > $afterId))
WITH r ORDER BY r.score DESC, r.id ASC LIMIT $limit
CALL {
  WITH r
  OPTIONAL MATCH (r)-[t:USES_TOOL]->(tool)
  WHERE t.rank <= $tools
  WITH t, tool ORDER BY t.rank
  RETURN collect(CASE WHEN t IS NULL THEN null ELSE t {.kind, .rank, .members, .degree, .usages, id: coalesce(tool.number, tool.id)} END) AS tools
}
CALL {
  WITH r
  OPTIONAL MATCH (rv:Review {ringId: r.id})
  WITH rv ORDER BY rv.at DESC, rv.id DESC LIMIT 1
  RETURN rv {.id, .ringId, .verdict, .note, .at, .by} AS review
}
RETURN r {.id, .runId, .kind, .score, .suspected, .size, .operated, .topSignals} AS ring, tools, review
ORDER BY ring.score DESC, ring.id ASC
