// Creates or updates borrowers; a field left out (null) keeps its stored value.
// Properties are set one by one rather than with `SET b += map`: a map of unknown keys
// makes the planner buffer every row (Eager) in case it rewrites the id MERGE reads.
UNWIND $rows AS row
MERGE (b:Borrower {id: row.id})
SET b.name = coalesce(row.name, b.name),
    b.idNumberHash = coalesce(row.idNumberHash, b.idNumberHash),
    b.registeredAt = coalesce(datetime(row.registeredAt), b.registeredAt),
    b.overdueDays = coalesce(row.overdueDays, b.overdueDays),
    b.outstandingPrincipal = coalesce(row.outstandingPrincipal, b.outstandingPrincipal)
