// Every tie of each phone that ties two borrowers or more, however it ties them: with the
// devices' and voices' (read beside it), what the analysis plan splits the graph into
// components by, and finds the hubs from, without reading the evidence. The run labels
// those phones Shared first (markSharedPhones.cypher), so only they are read; the test of
// whether a phone reaches two borrowers is repeated here, so a label left behind by a
// change nobody stamped (a deletion by hand) never adds a tie.
MATCH (p:Shared:Phone)
WITH p, [(b:Borrower)-[:HAS_PHONE]->(p) | b] + [(b:Borrower)-[:FILED]->(:Complaint)-[:FROM_PHONE]->(p) | b] + [(b:Borrower)<-[:ABOUT]-(:Call)-[:FROM_PHONE]->(p) | b] AS reached
WHERE any(b IN reached WHERE b <> reached[0])
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
RETURN 'phone' AS kind, p.number AS value, collect([borrowerId, usage]) AS ties
