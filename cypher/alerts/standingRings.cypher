// The rings an incremental run left standing, as the graph holds them now: they are part of
// the run's result although it did not write them, so alerts compare them too.
UNWIND $ids AS id
MATCH (r:Ring {id: id})
RETURN {
  id: r.id, kind: r.kind, score: r.score, suspected: r.suspected, complaints: r.complaints,
  members: COLLECT { MATCH (b:Borrower)-[:MEMBER_OF]->(r) RETURN b.id AS member ORDER BY member },
  tools: COLLECT { MATCH (r)-[t:USES_TOOL]->(tool) WITH t, tool ORDER BY t.rank RETURN {kind: t.kind, id: coalesce(tool.number, tool.id)} }
} AS snapshot
ORDER BY id
