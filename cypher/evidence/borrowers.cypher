// Evidence for detection: every borrower, in a stable order (Louvain depends on insertion order).
MATCH (b:Borrower)
RETURN b.id AS id, b.overdueDays AS overdueDays, b.outstandingPrincipal AS outstandingPrincipal, b.registeredAt AS registeredAt
ORDER BY id
