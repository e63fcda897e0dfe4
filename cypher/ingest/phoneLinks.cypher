// A borrower may hold the same number in both roles, so the role is part of the relationship's identity.
// Returns how many rows resolved every reference (MATCH drops the others, which then write
// nothing): the ingest looks up which ids are missing only when some did not.
UNWIND $rows AS row
MATCH (b:Borrower {id: row.borrowerId})
MERGE (p:Phone {number: row.phone})
MERGE (b)-[:HAS_PHONE {role: row.role}]->(p)
RETURN count(*) AS resolved
