// Complaints of a batch whose stored relationships disagree with it: filed by another
// borrower, via another channel, from another phone or device. A complaint is one fact:
// re-sending it may fill in a missing phone or device, never change who, where or how.
// Run after the batch's own writes in the same transaction, it also catches a concurrent
// batch that wrote the same complaint for someone else: that one either committed first
// (its relationships are visible here) or waits on this transaction's locks and then runs
// this same check itself.
UNWIND $rows AS row
MATCH (c:Complaint {id: row.id})
WITH row,
  COLLECT { MATCH (b:Borrower)-[:FILED]->(c) WHERE b.id <> row.borrowerId RETURN b.id } AS borrowerId,
  COLLECT { MATCH (c)-[:VIA]->(ch:ComplaintChannel) WHERE ch.id <> row.channelId RETURN ch.id } AS channelId,
  COLLECT { MATCH (c)-[:FROM_PHONE]->(p:Phone) WHERE row.phone IS NOT NULL AND p.number <> row.phone RETURN p.number } AS phone,
  COLLECT { MATCH (c)-[:FROM_DEVICE]->(d:Device) WHERE row.deviceId IS NOT NULL AND d.id <> row.deviceId RETURN d.id } AS deviceId
WHERE size(borrowerId) + size(channelId) + size(phone) + size(deviceId) > 0
RETURN DISTINCT row.id AS id, borrowerId, channelId, phone, deviceId
