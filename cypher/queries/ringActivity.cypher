// A ring expanded into what its members did: complaints (and the channels they went to)
// and calls (with the phone and the voice that spoke), oldest first.
// In Neo4j Browser: :param ringId => 'ring-...'
MATCH (r:Ring {id: $ringId})<-[:MEMBER_OF]-(b:Borrower)
CALL {
  WITH b
  MATCH (b)-[:FILED]->(c:Complaint)-[:VIA]->(ch:ComplaintChannel)
  OPTIONAL MATCH (c)-[:FROM_PHONE]->(p:Phone)
  RETURN c.filedAt AS at, 'complaint' AS event, ch.name AS detail, p.number AS phone, c.claim AS claim, null AS voiceMatch, null AS identityVerified
  UNION
  WITH b
  MATCH (k:Call)-[:ABOUT]->(b)
  OPTIONAL MATCH (k)-[:FROM_PHONE]->(p:Phone)
  OPTIONAL MATCH (k)-[:SPOKEN_BY]->(v:Voiceprint)
  RETURN k.at AS at, 'call' AS event, v.id AS detail, p.number AS phone, null AS claim, k.voiceMatch AS voiceMatch, k.identityVerified AS identityVerified
}
RETURN b.id AS borrower, at, event, detail, phone, claim, voiceMatch, identityVerified
ORDER BY at, borrower
LIMIT 500
