UNWIND $ids AS wanted
MATCH (b:Borrower {id: wanted})-[r:RECRUITED_VIA]->(a:AdSource)
RETURN b.id AS borrowerId, a.id AS adSourceId, toString(r.at) AS at
ORDER BY borrowerId, adSourceId
