// Every borrower each voiceprint spoke for on calls, when it spoke for two or more. Read
// beside the phones' (sharedPhoneTies.cypher), for the same plan, from the voiceprints
// labelled Shared (markSharedVoices.cypher).
MATCH (v:Shared:Voiceprint)
CALL (v) {
  MATCH (b:Borrower)<-[:ABOUT]-(:Call)-[:SPOKEN_BY]->(v)
  RETURN DISTINCT b.id AS borrowerId, 'callVoice' AS usage
}
WITH v, collect([borrowerId, usage]) AS ties
WHERE size(ties) >= 2
RETURN 'voice' AS kind, v.id AS value, ties
