// A borrower may hold the same number in both roles, so the role is part of the relationship's identity.
UNWIND $rows AS row
MATCH (b:Borrower {id: row.borrowerId})
MERGE (p:Phone {number: row.phone})
MERGE (b)-[:HAS_PHONE {role: row.role}]->(p)
