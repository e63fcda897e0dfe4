UNWIND $members AS m
MATCH (r:Ring {id: m.ringId})
MATCH (b:Borrower {id: m.borrowerId})
CREATE (b)-[:MEMBER_OF {role: m.role, weight: m.weight, reasons: m.reasons}]->(r)
