UNWIND $ids AS wanted
MATCH (b:Borrower {id: wanted})-[:FILED]->(c:Complaint)-[:VIA]->(ch:ComplaintChannel)
OPTIONAL MATCH (c)-[:FROM_PHONE]->(p:Phone)
OPTIONAL MATCH (c)-[:FROM_DEVICE]->(d:Device)
RETURN c.id AS id, b.id AS borrowerId, ch.id AS channelId, toString(c.filedAt) AS filedAt, p.number AS phone, d.id AS deviceId,
       c.claim AS claim, c.text AS text
ORDER BY id
