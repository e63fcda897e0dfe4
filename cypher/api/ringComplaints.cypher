// Complaints filed by the ring's members, oldest first, with the channels they went through.
MATCH (r:Ring {id: $id})<-[:MEMBER_OF]-(b:Borrower)-[:FILED]->(c:Complaint)
OPTIONAL MATCH (c)-[:VIA]->(ch:ComplaintChannel)
OPTIONAL MATCH (c)-[:FROM_PHONE]->(p:Phone)
OPTIONAL MATCH (c)-[:FROM_DEVICE]->(d:Device)
WITH c, b, ch, p, d ORDER BY c.filedAt, c.id
WITH collect({id: c.id, at: c.filedAt, borrowerId: b.id, channelId: ch.id, claim: c.claim, text: c.text, phone: p.number, deviceId: d.id}) AS rows,
     collect(DISTINCT ch {.id, .name, .kind}) AS channels
RETURN rows[..$limit] AS complaints, size(rows) AS total, channels
