// Calls about the ring's members, oldest first, with the phone and voice that made them.
MATCH (r:Ring {id: $id})<-[:MEMBER_OF]-(b:Borrower)<-[:ABOUT]-(k:Call)
OPTIONAL MATCH (k)-[:FROM_PHONE]->(p:Phone)
OPTIONAL MATCH (k)-[:SPOKEN_BY]->(v:Voiceprint)
WITH k, b, p, v ORDER BY k.at, k.id
WITH collect({id: k.id, at: k.at, borrowerId: b.id, phone: p.number, voiceprintId: v.id, voiceMatch: k.voiceMatch, identityVerified: k.identityVerified}) AS rows
RETURN rows[..$limit] AS calls, size(rows) AS total
