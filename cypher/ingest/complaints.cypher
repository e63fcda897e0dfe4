// Optional phone and device are merged in subqueries that skip null rows, so a complaint
// without them still gets its FILED and VIA relationships.
// Returns the complaints stored before this statement (each has its FILED), the only ones
// that can conflict with what is stored; see calls.cypher. With them, how many rows resolved
// their borrower and channel (see phoneLinks.cypher).
UNWIND $rows AS row
MATCH (b:Borrower {id: row.borrowerId})
MATCH (ch:ComplaintChannel {id: row.channelId})
MERGE (c:Complaint {id: row.id})
WITH row, b, ch, c, EXISTS { (c)<-[:FILED]-() } AS storedBefore
SET c.filedAt = coalesce(datetime(row.filedAt), c.filedAt),
    c.claim = coalesce(row.claim, c.claim),
    c.text = coalesce(row.text, c.text)
MERGE (b)-[:FILED]->(c)
MERGE (c)-[:VIA]->(ch)
WITH row, c, storedBefore
CALL {
  WITH row, c
  WITH row, c WHERE row.phone IS NOT NULL
  MERGE (p:Phone {number: row.phone})
  MERGE (c)-[:FROM_PHONE]->(p)
}
CALL {
  WITH row, c
  WITH row, c WHERE row.deviceId IS NOT NULL
  MERGE (d:Device {id: row.deviceId})
  MERGE (c)-[:FROM_DEVICE]->(d)
}
WITH row, storedBefore
RETURN count(*) AS resolved, collect(CASE WHEN storedBefore THEN row.id END) AS storedBefore
