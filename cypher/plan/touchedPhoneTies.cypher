// Every tie of each phone of the given borrowers (those written since the last run), as
// sharedPhoneTies.cypher reads them; a phone that ties fewer than two borrowers comes back
// with no ties. The plan keeps the last run's ties of every other phone: a phone's ties
// change only when a record of one of its borrowers is written, and every write is stamped
// with whom it is about. The ties counted here are also what markSharedPhones.cypher
// counts, so the phone's Shared label is brought up to date here too, by the same rule:
// one walk of these phones where a labelling pass and a read took two.
UNWIND $borrowers AS id
MATCH (b:Borrower {id: id})
UNWIND [(b)-[:HAS_PHONE]->(p) | p] + [(b)-[:FILED]->(:Complaint)-[:FROM_PHONE]->(p) | p] + [(b)<-[:ABOUT]-(:Call)-[:FROM_PHONE]->(p) | p] AS p
WITH DISTINCT p
CALL (p) {
  MATCH (b:Borrower)-[h:HAS_PHONE]->(p)
  RETURN b.id AS borrowerId, CASE h.role WHEN 'contact' THEN 'contactPhone' ELSE 'registeredPhone' END AS usage
  UNION
  MATCH (b:Borrower)-[:FILED]->(:Complaint)-[:FROM_PHONE]->(p)
  RETURN b.id AS borrowerId, 'complaintPhone' AS usage
  UNION
  MATCH (b:Borrower)<-[:ABOUT]-(:Call)-[:FROM_PHONE]->(p)
  RETURN b.id AS borrowerId, 'callPhone' AS usage
}
WITH p, collect([borrowerId, usage]) AS ties, count(DISTINCT borrowerId) >= 2 AS shared
FOREACH (_ IN CASE WHEN shared AND NOT p:Shared THEN [1] ELSE [] END | SET p:Shared)
FOREACH (_ IN CASE WHEN p:Shared AND NOT shared THEN [1] ELSE [] END | REMOVE p:Shared)
RETURN 'phone' AS kind, p.number AS value, CASE WHEN shared THEN ties ELSE [] END AS ties
