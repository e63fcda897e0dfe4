// Labels Shared the devices that tie two borrowers or more (logins and complaints filed
// from them), and takes the label off those that no longer do; as markSharedPhones.cypher,
// for every device ($borrowers null) or only those of the borrowers written since the last run.
CALL () {
  WITH 1 AS everyDevice WHERE $borrowers IS NULL
  MATCH (d:Device) WHERE COUNT { (d)--() } >= 2 OR d:Shared
  RETURN d
  UNION
  WITH 1 AS someBorrowers WHERE $borrowers IS NOT NULL
  UNWIND $borrowers AS id
  MATCH (b:Borrower {id: id})
  UNWIND [(b)-[:USED_DEVICE]->(d) | d] + [(b)-[:FILED]->(:Complaint)-[:FROM_DEVICE]->(d) | d] AS d
  RETURN d
}
WITH d, [(b:Borrower)-[:USED_DEVICE]->(d) | b] + [(b:Borrower)-[:FILED]->(:Complaint)-[:FROM_DEVICE]->(d) | b] AS reached
WITH d, any(b IN reached WHERE b <> reached[0]) AS shared
WHERE shared <> d:Shared
FOREACH (_ IN CASE WHEN shared THEN [1] ELSE [] END | SET d:Shared)
FOREACH (_ IN CASE WHEN shared THEN [] ELSE [1] END | REMOVE d:Shared)
RETURN count(*) AS changed
