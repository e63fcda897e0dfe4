// Borrowers tied to a phone and how: as their registered or contact number, or through complaints
// filed from it or calls made from it (one example each, with a count), with their rings.
MATCH (p:Phone {number: $id})
CALL {
  WITH p
  MATCH (b:Borrower)-[h:HAS_PHONE]->(p)
  RETURN b, CASE h.role WHEN 'contact' THEN 'contactPhone' ELSE 'registeredPhone' END AS usage, 'HAS_PHONE' AS relationship, null AS viaType, null AS viaId
  UNION
  WITH p
  MATCH (b:Borrower)-[:FILED]->(c:Complaint)-[:FROM_PHONE]->(p)
  RETURN b, 'complaintPhone' AS usage, 'FROM_PHONE' AS relationship, 'Complaint' AS viaType, c.id AS viaId
  UNION
  WITH p
  MATCH (b:Borrower)<-[:ABOUT]-(k:Call)-[:FROM_PHONE]->(p)
  RETURN b, 'callPhone' AS usage, 'FROM_PHONE' AS relationship, 'Call' AS viaType, k.id AS viaId
}
WITH b, usage, relationship, viaType, min(viaId) AS viaId
ORDER BY b.id, usage
LIMIT $limit
RETURN b.id AS borrowerId, b.name AS name, usage, relationship, viaType, viaId,
       [(b)-[:MEMBER_OF]->(r:Ring) | {ringId: r.id, score: r.score}] AS rings
