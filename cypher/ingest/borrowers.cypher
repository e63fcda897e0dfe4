// Creates or updates borrowers; a field left out keeps its stored value.
UNWIND $rows AS row
MERGE (b:Borrower {id: row.id})
SET b += row.props
SET b.registeredAt = coalesce(datetime(row.registeredAt), b.registeredAt)
