// Every tie of each phone that ties two borrowers or more, however it ties them: with the
// devices' and voices' (read beside it), what the analysis plan splits the graph into
// components by, and finds the hubs from, without reading the evidence. The run labels
// those phones Shared first (markSharedPhones.cypher), so only they are read; whether a
// phone reaches two borrowers is counted again from its ties, so a label left behind by a
// change nobody stamped (a deletion by hand) never adds a tie. (Counting it from the ties
// rather than by a walk of its own before them made this read about a third faster.)
MATCH (p:Shared:Phone)
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
WITH p, collect([borrowerId, usage]) AS ties, count(DISTINCT borrowerId) AS borrowers
WHERE borrowers >= 2
RETURN 'phone' AS kind, p.number AS value, ties
