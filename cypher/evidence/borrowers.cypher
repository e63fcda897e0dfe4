// Evidence for detection: the given borrowers, in a stable order (Louvain depends on insertion order).
// Date-times come back as strings (the ISO form they were ingested in): the driver's DateTime
// objects cost several times more to decode, which at a million borrowers is most of the read.
UNWIND $ids AS wanted
MATCH (b:Borrower {id: wanted})
RETURN b.id AS id, b.name AS name, b.overdueDays AS overdueDays, b.outstandingPrincipal AS outstandingPrincipal, toString(b.registeredAt) AS registeredAt
ORDER BY id
