UNWIND $ids AS wanted
MATCH (k:Call)-[:ABOUT]->(b:Borrower {id: wanted})
OPTIONAL MATCH (k)-[:FROM_PHONE]->(p:Phone)
OPTIONAL MATCH (k)-[:SPOKEN_BY]->(v:Voiceprint)
RETURN k.id AS id, b.id AS borrowerId, p.number AS phone, toString(k.at) AS at, v.id AS voiceprintId,
       k.voiceMatch AS voiceMatch, k.identityVerified AS identityVerified
ORDER BY id
