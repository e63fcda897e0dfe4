UNWIND $rows AS row
MERGE (a:AdSource {id: row.id})
SET a += row.props
