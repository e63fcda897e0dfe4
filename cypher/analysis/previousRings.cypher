// The rings of the last run with their members, so ring ids stay stable across runs.
MATCH (b:Borrower)-[:MEMBER_OF]->(r:Ring)
WITH r, b ORDER BY b.id
RETURN r.id AS id, collect(b.id) AS members, r.suspected AS suspected
ORDER BY id
