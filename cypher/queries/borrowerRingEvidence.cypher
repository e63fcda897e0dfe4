// A borrower's ring, its role there and why: the identifiers it shares with the ring's tools.
// In Neo4j Browser: :param borrowerId => 'b0000001'
MATCH (b:Borrower {id: $borrowerId})
OPTIONAL MATCH (b)-[m:MEMBER_OF]->(r:Ring)
OPTIONAL MATCH (r)-[t:USES_TOOL]->(tool)
WHERE (b)-[:HAS_PHONE|USED_DEVICE|RECRUITED_VIA]->(tool)
   OR (b)-[:FILED]->(:Complaint)-[:FROM_PHONE|FROM_DEVICE]->(tool)
   OR (b)<-[:ABOUT]-(:Call)-[:FROM_PHONE|SPOKEN_BY]->(tool)
RETURN b.id AS borrower, r.id AS ring, round(r.score, 3) AS score, m.role AS role, m.reasons AS reasons,
       collect(DISTINCT {kind: t.kind, id: coalesce(tool.id, tool.number), ringMembers: t.members}) AS sharedTools
