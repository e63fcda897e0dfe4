UNWIND $rows AS row
MATCH (b:Borrower {id: row.borrowerId})
MATCH (ch:ComplaintChannel {id: row.channelId})
MERGE (c:Complaint {id: row.id})
SET c += row.props
SET c.filedAt = coalesce(datetime(row.filedAt), c.filedAt)
MERGE (b)-[:FILED]->(c)
MERGE (c)-[:VIA]->(ch)
FOREACH (number IN CASE WHEN row.phone IS NULL THEN [] ELSE [row.phone] END |
  MERGE (p:Phone {number: number})
  MERGE (c)-[:FROM_PHONE]->(p))
FOREACH (deviceId IN CASE WHEN row.deviceId IS NULL THEN [] ELSE [row.deviceId] END |
  MERGE (d:Device {id: deviceId})
  MERGE (c)-[:FROM_DEVICE]->(d))
