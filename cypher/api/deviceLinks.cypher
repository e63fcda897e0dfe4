// Borrowers tied to a device and how: logged in from it, or filed complaints from it (one
// example each), with their rings.
MATCH (d:Device {id: $id})
CALL {
  WITH d
  MATCH (b:Borrower)-[:USED_DEVICE]->(d)
  RETURN b, 'deviceLogin' AS usage, 'USED_DEVICE' AS relationship, null AS viaType, null AS viaId
  UNION
  WITH d
  MATCH (b:Borrower)-[:FILED]->(c:Complaint)-[:FROM_DEVICE]->(d)
  RETURN b, 'complaintDevice' AS usage, 'FROM_DEVICE' AS relationship, 'Complaint' AS viaType, c.id AS viaId
}
WITH b, usage, relationship, viaType, min(viaId) AS viaId
ORDER BY b.id, usage
LIMIT $limit
RETURN b.id AS borrowerId, b.name AS name, usage, relationship, viaType, viaId,
       [(b)-[:MEMBER_OF]->(r:Ring) | {ringId: r.id, score: r.score}] AS rings
