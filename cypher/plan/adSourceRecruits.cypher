// Recruits of each ad source that recruited two borrowers or more: its weight on the ties
// of its recruits, and whether it is a hub, depend on this alone.
MATCH (a:AdSource)
WITH a, COUNT { (:Borrower)-[:RECRUITED_VIA]->(a) } AS recruits
WHERE recruits >= 2
RETURN a.id AS id, recruits
ORDER BY id
