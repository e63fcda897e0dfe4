// Every borrower each voiceprint on the given borrowers' calls spoke for, as
// sharedVoiceTies.cypher reads them; a voiceprint that spoke for fewer than two comes back
// with no ties (see touchedPhoneTies.cypher).
UNWIND $borrowers AS id
MATCH (b:Borrower {id: id})
UNWIND [(b)<-[:ABOUT]-(:Call)-[:SPOKEN_BY]->(v) | v] AS v
WITH DISTINCT v
CALL (v) {
  MATCH (b:Borrower)<-[:ABOUT]-(:Call)-[:SPOKEN_BY]->(v)
  RETURN DISTINCT b.id AS borrowerId, 'callVoice' AS usage
}
WITH v, collect([borrowerId, usage]) AS ties
RETURN 'voice' AS kind, v.id AS value, CASE WHEN size(ties) >= 2 THEN ties ELSE [] END AS ties
