// How a borrower touches each tool of their rings: directly, or through a complaint they filed
// or a call about them. One example complaint or call per kind of link, with how many there are.
MATCH (b:Borrower {id: $id})-[:MEMBER_OF]->(r:Ring)-[t:USES_TOOL]->(tool)
CALL {
  WITH b, tool
  MATCH (b)-[e:HAS_PHONE|USED_DEVICE|RECRUITED_VIA]->(tool)
  RETURN type(e) AS relationship, null AS viaType, null AS viaId
  UNION
  WITH b, tool
  MATCH (b)-[:FILED]->(c:Complaint)-[e:FROM_PHONE|FROM_DEVICE]->(tool)
  RETURN type(e) AS relationship, 'Complaint' AS viaType, c.id AS viaId
  UNION
  WITH b, tool
  MATCH (k:Call)-[:ABOUT]->(b)
  MATCH (k)-[e:FROM_PHONE|SPOKEN_BY]->(tool)
  RETURN type(e) AS relationship, 'Call' AS viaType, k.id AS viaId
}
WITH r, t, tool, relationship, viaType, min(viaId) AS viaId
RETURN r.id AS ringId, t.kind AS toolKind, coalesce(tool.number, tool.id) AS toolId, relationship, viaType, viaId
ORDER BY r.score DESC, ringId, t.rank, viaType
LIMIT $limit
