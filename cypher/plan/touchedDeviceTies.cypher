// Every tie of each device of the given borrowers (those written since the last run), as
// sharedDeviceTies.cypher reads them; a device that ties fewer than two borrowers comes
// back with no ties, and every one's Shared label is brought up to date as
// markSharedDevices.cypher would (see touchedPhoneTies.cypher).
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
WITH d, collect([borrowerId, usage]) AS ties, count(DISTINCT borrowerId) >= 2 AS shared
FOREACH (_ IN CASE WHEN shared AND NOT d:Shared THEN [1] ELSE [] END | SET d:Shared)
FOREACH (_ IN CASE WHEN d:Shared AND NOT shared THEN [1] ELSE [] END | REMOVE d:Shared)
RETURN 'device' AS kind, d.id AS value, CASE WHEN shared THEN ties ELSE [] END AS ties
