UNWIND $rows AS row
MERGE (ch:ComplaintChannel {id: row.id})
SET ch.name = coalesce(row.name, ch.name),
    ch.kind = coalesce(row.kind, ch.kind)
