UNWIND $rows AS row
MATCH (b:Borrower {id: row.borrowerId})
MERGE (k:Call {id: row.id})
SET k += row.props
SET k.at = coalesce(datetime(row.at), k.at)
MERGE (k)-[:ABOUT]->(b)
FOREACH (number IN CASE WHEN row.phone IS NULL THEN [] ELSE [row.phone] END |
  MERGE (p:Phone {number: number})
  MERGE (k)-[:FROM_PHONE]->(p))
FOREACH (voiceprintId IN CASE WHEN row.voiceprintId IS NULL THEN [] ELSE [row.voiceprintId] END |
  MERGE (v:Voiceprint {id: voiceprintId})
  MERGE (k)-[:SPOKEN_BY]->(v))
