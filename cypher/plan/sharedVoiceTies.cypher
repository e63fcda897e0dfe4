// Every borrower each voiceprint spoke for on calls, when it spoke for two or more. Read
// beside the phones' (sharedPhoneTies.cypher), for the same plan. Most voiceprints are a
// borrower's own, on their own calls: the list of borrowers reached shows it before the
// distinct ties are built.
MATCH (v:Voiceprint) WHERE COUNT { (v)--() } >= 2
WITH v, [(b:Borrower)<-[:ABOUT]-(:Call)-[:SPOKEN_BY]->(v) | b] AS reached
WHERE any(b IN reached WHERE b <> reached[0])
CALL (v) {
  MATCH (b:Borrower)<-[:ABOUT]-(:Call)-[:SPOKEN_BY]->(v)
  RETURN DISTINCT b.id AS borrowerId, 'callVoice' AS usage
}
RETURN 'voice' AS kind, v.id AS value, collect([borrowerId, usage]) AS ties
