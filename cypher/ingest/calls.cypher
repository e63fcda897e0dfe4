// Optional phone and voiceprint are merged in subqueries that skip null rows.
// Returns the calls that were stored before this statement (every stored call has its
// ABOUT): only those can disagree with what is stored, so only those need the conflict
// check (callConflicts). MERGE holds the call's key lock from here to the commit, so a
// call another transaction is creating is seen only once that one has committed. With them,
// how many rows resolved their borrower (see phoneLinks.cypher).
UNWIND $rows AS row
MATCH (b:Borrower {id: row.borrowerId})
MERGE (k:Call {id: row.id})
WITH row, b, k, EXISTS { (k)-[:ABOUT]->() } AS storedBefore
SET k.at = coalesce(datetime(row.at), k.at),
    k.voiceMatch = coalesce(row.voiceMatch, k.voiceMatch),
    k.identityVerified = coalesce(row.identityVerified, k.identityVerified)
MERGE (k)-[:ABOUT]->(b)
WITH row, k, storedBefore
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
WITH row, storedBefore
RETURN count(*) AS resolved, collect(CASE WHEN storedBefore THEN row.id END) AS storedBefore
