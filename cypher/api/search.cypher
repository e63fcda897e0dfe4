// One search box: exact borrower id, phone (already normalised to E.164), device id, and, when
// $byName, names containing the text (served by the borrower_name text index). Each hit carries
// the rings it belongs to or that use it as a tool.
CALL {
  MATCH (b:Borrower {id: $text})
  RETURN 'borrower' AS type, b.id AS id, b.name AS name, 'id' AS match, [(b)-[:MEMBER_OF]->(r:Ring) | r.id] AS ringIds
  UNION
  MATCH (p:Phone {number: $phone})
  RETURN 'phone' AS type, p.number AS id, null AS name, 'phone' AS match, [(r:Ring)-[:USES_TOOL]->(p) | r.id] AS ringIds
  UNION
  MATCH (d:Device {id: $text})
  RETURN 'device' AS type, d.id AS id, null AS name, 'device' AS match, [(r:Ring)-[:USES_TOOL]->(d) | r.id] AS ringIds
  UNION
  MATCH (b:Borrower)
  WHERE $byName AND b.name CONTAINS $text
  WITH b ORDER BY b.id LIMIT $limit
  RETURN 'borrower' AS type, b.id AS id, b.name AS name, 'name' AS match, [(b)-[:MEMBER_OF]->(r:Ring) | r.id] AS ringIds
}
RETURN type, id, name, match, ringIds
LIMIT $limit
