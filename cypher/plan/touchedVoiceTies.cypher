// Every borrower each voiceprint on the given borrowers' calls spoke for, as
// sharedVoiceTies.cypher reads them; a voiceprint that spoke for fewer than two comes back
// with no ties, and every one's Shared label is brought up to date as
// markSharedVoices.cypher would (see touchedPhoneTies.cypher).
UNWIND $borrowers AS id
MATCH (b:Borrower {id: id})
UNWIND [(b)<-[:ABOUT]-(:Call)-[:SPOKEN_BY]->(v) | v] AS v
WITH DISTINCT v
CALL (v) {
  MATCH (b:Borrower)<-[:ABOUT]-(:Call)-[:SPOKEN_BY]->(v)
  RETURN DISTINCT b.id AS borrowerId, 'callVoice' AS usage
}
WITH v, collect([borrowerId, usage]) AS ties
WITH v, ties, size(ties) >= 2 AS shared
FOREACH (_ IN CASE WHEN shared AND NOT v:Shared THEN [1] ELSE [] END | SET v:Shared)
FOREACH (_ IN CASE WHEN v:Shared AND NOT shared THEN [1] ELSE [] END | REMOVE v:Shared)
RETURN 'voice' AS kind, v.id AS value, CASE WHEN shared THEN ties ELSE [] END AS ties
