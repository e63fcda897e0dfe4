// Calls of a batch whose stored relationships disagree with it: about another borrower,
// from another phone, in another voice. The same rule and the same reasoning about
// concurrent batches as complaintConflicts.
UNWIND $rows AS row
MATCH (k:Call {id: row.id})
WITH row,
  COLLECT { MATCH (k)-[:ABOUT]->(b:Borrower) WHERE b.id <> row.borrowerId RETURN b.id } AS borrowerId,
  COLLECT { MATCH (k)-[:FROM_PHONE]->(p:Phone) WHERE row.phone IS NOT NULL AND p.number <> row.phone RETURN p.number } AS phone,
  COLLECT { MATCH (k)-[:SPOKEN_BY]->(v:Voiceprint) WHERE row.voiceprintId IS NOT NULL AND v.id <> row.voiceprintId RETURN v.id } AS voiceprintId
WHERE size(borrowerId) + size(phone) + size(voiceprintId) > 0
RETURN DISTINCT row.id AS id, borrowerId, phone, voiceprintId
