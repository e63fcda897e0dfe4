// Labels Shared the phones that tie two borrowers or more, and takes the label off those
// that no longer do: the plan reads the ties of Shared phones only (sharedPhoneTies.cypher),
// so a daily run need not count the degree of every phone. $borrowers null: every phone
// with two relationships or more (and every one labelled), as a full run recounts. Else
// only the phones of these borrowers: every write is stamped with whom it is about, and a
// phone's ties change only when a record of one of its borrowers is written.
// A borrower's own phone, on their own complaints and calls, reaches one borrower only.
CALL () {
  WITH 1 AS everyPhone WHERE $borrowers IS NULL
  MATCH (p:Phone) WHERE COUNT { (p)--() } >= 2 OR p:Shared
  RETURN p
  UNION
  WITH 1 AS someBorrowers WHERE $borrowers IS NOT NULL
  UNWIND $borrowers AS id
  MATCH (b:Borrower {id: id})
  UNWIND [(b)-[:HAS_PHONE]->(p) | p] + [(b)-[:FILED]->(:Complaint)-[:FROM_PHONE]->(p) | p] + [(b)<-[:ABOUT]-(:Call)-[:FROM_PHONE]->(p) | p] AS p
  RETURN p
}
WITH p, [(b:Borrower)-[:HAS_PHONE]->(p) | b] + [(b:Borrower)-[:FILED]->(:Complaint)-[:FROM_PHONE]->(p) | b] + [(b:Borrower)<-[:ABOUT]-(:Call)-[:FROM_PHONE]->(p) | b] AS reached
WITH p, any(b IN reached WHERE b <> reached[0]) AS shared
WHERE shared <> p:Shared
FOREACH (_ IN CASE WHEN shared THEN [1] ELSE [] END | SET p:Shared)
FOREACH (_ IN CASE WHEN shared THEN [] ELSE [1] END | REMOVE p:Shared)
RETURN count(*) AS changed
