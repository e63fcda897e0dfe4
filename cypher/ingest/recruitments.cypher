UNWIND $rows AS row
MATCH (b:Borrower {id: row.borrowerId})
MATCH (a:AdSource {id: row.adSourceId})
MERGE (b)-[r:RECRUITED_VIA]->(a)
SET r.at = coalesce(datetime(row.at), r.at)
