// Optional phone and voiceprint are merged in subqueries that skip null rows.
UNWIND $rows AS row
MATCH (b:Borrower {id: row.borrowerId})
MERGE (k:Call {id: row.id})
SET k.at = coalesce(datetime(row.at), k.at),
    k.voiceMatch = coalesce(row.voiceMatch, k.voiceMatch),
    k.identityVerified = coalesce(row.identityVerified, k.identityVerified)
MERGE (k)-[:ABOUT]->(b)
WITH row, k
CALL {
  WITH row, k
  WITH row, k WHERE row.phone IS NOT NULL
  MERGE (p:Phone {number: row.phone})
  MERGE (k)-[:FROM_PHONE]->(p)
}
CALL {
  WITH row, k
  WITH row, k WHERE row.voiceprintId IS NOT NULL
  MERGE (v:Voiceprint {id: row.voiceprintId})
  MERGE (k)-[:SPOKEN_BY]->(v)
}
