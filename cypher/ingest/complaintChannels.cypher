UNWIND $rows AS row
MERGE (ch:ComplaintChannel {id: row.id})
SET ch += row.props
