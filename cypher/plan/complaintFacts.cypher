// The platform's complaint rate, over all the data: how many borrowers, how many of them
// complained, and the period the complaints span.
CALL () { MATCH (b:Borrower) RETURN count(b) AS borrowers }
CALL () {
  MATCH (b:Borrower)-[:FILED]->(c:Complaint)-[:VIA]->(:ComplaintChannel)
  RETURN count(DISTINCT b) AS complainers, toString(min(c.filedAt)) AS firstAt, toString(max(c.filedAt)) AS lastAt
}
RETURN borrowers, complainers, firstAt, lastAt
