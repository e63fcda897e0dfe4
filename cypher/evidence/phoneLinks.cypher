UNWIND $ids AS wanted
MATCH (b:Borrower {id: wanted})-[h:HAS_PHONE]->(p:Phone)
RETURN b.id AS borrowerId, p.number AS phone, h.role AS role
ORDER BY borrowerId, phone, role
