UNWIND $ids AS wanted
MATCH (b:Borrower {id: wanted})-[u:USED_DEVICE]->(d:Device)
RETURN b.id AS borrowerId, d.id AS deviceId, toString(u.firstSeenAt) AS seenAt
ORDER BY borrowerId, deviceId
