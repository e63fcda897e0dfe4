// Cases opened or changed, written whole (the properties a case no longer has are removed).
UNWIND $cases AS row
MERGE (c:Case {id: row.id})
SET c = row.props,
    c.openedAt = datetime(row.openedAt),
    c.updatedAt = datetime(row.updatedAt)
RETURN count(c) AS written
