UNWIND $rows AS row
MERGE (a:AdSource {id: row.id})
SET a.kind = coalesce(row.kind, a.kind),
    a.label = coalesce(row.label, a.label)
