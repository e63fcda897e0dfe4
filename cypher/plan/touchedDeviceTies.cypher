// Every tie of each device of the given borrowers (those written since the last run), as
// sharedDeviceTies.cypher reads them; a device that ties fewer than two borrowers comes
// back with no ties (see touchedPhoneTies.cypher).
UNWIND $borrowers AS id
MATCH (b:Borrower {id: id})
UNWIND [(b)-[:USED_DEVICE]->(d) | d] + [(b)-[:FILED]->(:Complaint)-[:FROM_DEVICE]->(d) | d] AS d
WITH DISTINCT d
CALL (d) {
  MATCH (b:Borrower)-[:USED_DEVICE]->(d)
  RETURN b.id AS borrowerId, 'deviceLogin' AS usage
  UNION
  MATCH (b:Borrower)-[:FILED]->(:Complaint)-[:FROM_DEVICE]->(d)
  RETURN b.id AS borrowerId, 'complaintDevice' AS usage
}
WITH d, collect([borrowerId, usage]) AS ties, count(DISTINCT borrowerId) AS borrowers
RETURN 'device' AS kind, d.id AS value, CASE WHEN borrowers >= 2 THEN ties ELSE [] END AS ties
