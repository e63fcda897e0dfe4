// Entities a rehearsal's records may name (dayRehearsal.ts): up to $borrowers borrowers,
// an ad source and a complaint channel, any of them; nulls on a graph without them.
CALL () { MATCH (b:Borrower) WITH b LIMIT $borrowers RETURN collect(b.id) AS borrowers }
CALL () { OPTIONAL MATCH (a:AdSource) WITH a LIMIT 1 RETURN a.id AS adSource }
CALL () { OPTIONAL MATCH (c:ComplaintChannel) WITH c LIMIT 1 RETURN c.id AS channel }
RETURN borrowers, adSource, channel
