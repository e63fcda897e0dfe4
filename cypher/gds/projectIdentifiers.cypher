// GDS peer, step 1: the projection a Neo4j user draws for shared-identifier fraud (Neo4j's
// fraud-detection example ties clients to their e-mails, phones and SSNs). Here each
// borrower is tied to every phone, device, voiceprint and ad source it used: registered or
// contact phones, logins, recruitment, and the phones, handsets and voices of its complaints
// and calls (the identifiers the baseline joins on). Identifiers used by more than
// $maxIdentifierBorrowers borrowers (marketing channels, public devices, switchboards) are
// left out, or one component would swallow the population.
// Borrower -> Identifier, directed, so Node Similarity compares borrowers only.
CALL {
  MATCH (b:Borrower)-[:HAS_PHONE]->(i:Phone) RETURN b, i
  UNION
  MATCH (b:Borrower)-[:USED_DEVICE]->(i:Device) RETURN b, i
  UNION
  MATCH (b:Borrower)-[:RECRUITED_VIA]->(i:AdSource) RETURN b, i
  UNION
  MATCH (b:Borrower)-[:FILED]->(:Complaint)-[:FROM_PHONE|FROM_DEVICE]->(i) RETURN b, i
  UNION
  MATCH (b:Borrower)<-[:ABOUT]-(:Call)-[:FROM_PHONE|SPOKEN_BY]->(i) RETURN b, i
}
WITH i, collect(b) AS users
WHERE size(users) <= $maxIdentifierBorrowers
UNWIND users AS b
WITH gds.graph.project($graphName, b, i, {sourceNodeLabels: 'Borrower', targetNodeLabels: 'Identifier', relationshipType: 'USED'}) AS g
RETURN g.graphName AS graphName, g.nodeCount AS nodeCount, g.relationshipCount AS relationshipCount, g.projectMillis AS projectMillis
