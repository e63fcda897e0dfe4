// Recruits of each ad source that recruited two borrowers or more: its weight on the ties
// of its recruits, and whether it is a hub, depend on this alone. Only borrowers are
// recruited, so the count leaves the label out and is read from the source's degree
// instead of by visiting every recruit (four times faster at 1,000,000 borrowers).
MATCH (a:AdSource)
WITH a, COUNT { ()-[:RECRUITED_VIA]->(a) } AS recruits
WHERE recruits >= 2
RETURN a.id AS id, recruits
ORDER BY id
