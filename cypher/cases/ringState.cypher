// The ring a case follows as the last run wrote it (members, complaints, tools), or nothing
// when no current ring has that id: what a verdict remembers, and what a case page shows.
MATCH (r:Ring {id: $ringId})
CALL {
  WITH r
  MATCH (b:Borrower)-[:MEMBER_OF]->(r)
  WITH b ORDER BY b.id
  RETURN collect(b.id) AS members
}
CALL {
  WITH r
  OPTIONAL MATCH (r)-[t:USES_TOOL]->(tool)
  WITH t, tool ORDER BY t.rank
  RETURN collect(CASE WHEN t IS NULL THEN null ELSE {kind: t.kind, id: coalesce(tool.number, tool.id)} END) AS tools
}
RETURN {id: r.id, kind: r.kind, score: r.score, suspected: r.suspected, complaints: coalesce(r.complaints, 0), members: members, tools: tools} AS ring
