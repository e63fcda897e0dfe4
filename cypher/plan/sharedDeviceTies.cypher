// Every tie of each device that ties two borrowers or more: logins and complaints filed
// from it. Read beside the phones' (sharedPhoneTies.cypher), for the same plan, from the
// devices labelled Shared (markSharedDevices.cypher).
MATCH (d:Shared:Device)
CALL (d) {
  MATCH (b:Borrower)-[:USED_DEVICE]->(d)
  RETURN b.id AS borrowerId, 'deviceLogin' AS usage
  UNION
  MATCH (b:Borrower)-[:FILED]->(:Complaint)-[:FROM_DEVICE]->(d)
  RETURN b.id AS borrowerId, 'complaintDevice' AS usage
}
WITH d, collect([borrowerId, usage]) AS ties, count(DISTINCT borrowerId) AS borrowers
WHERE borrowers >= 2
RETURN 'device' AS kind, d.id AS value, ties
