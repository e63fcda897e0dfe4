// Returns how many rows resolved every reference (MATCH drops the others, which then write
// nothing): the ingest looks up which ids are missing only when some did not.
UNWIND $rows AS row
MATCH (b:Borrower {id: row.borrowerId})
MATCH (a:AdSource {id: row.adSourceId})
MERGE (b)-[r:RECRUITED_VIA]->(a)
SET r.at = coalesce(datetime(row.at), r.at)
RETURN count(*) AS resolved
