// The campaign records (campaignRecords.cypher) of the given borrowers only: those whose
// records were written since the last run, and the recruits of ad sources that grew past
// $maxRecruits since. A borrower with no recruitment through a small source, or who never
// complained, comes back with no row and leaves the campaign records.
UNWIND $ids AS wanted
MATCH (b:Borrower {id: wanted})-[r:RECRUITED_VIA]->(a:AdSource)
WHERE COUNT { ()-[:RECRUITED_VIA]->(a) } <= $maxRecruits
  AND EXISTS { (b)-[:FILED]->(:Complaint) }
WITH b, collect([a.id, toString(r.at)]) AS recruitments
RETURN b.id AS id, b.name AS name, b.overdueDays AS overdueDays, b.outstandingPrincipal AS outstandingPrincipal, toString(b.registeredAt) AS registeredAt,
       recruitments,
       COLLECT {
         MATCH (b)-[:FILED]->(c:Complaint)-[:VIA]->(ch:ComplaintChannel)
         OPTIONAL MATCH (c)-[:FROM_PHONE]->(p:Phone)
         OPTIONAL MATCH (c)-[:FROM_DEVICE]->(d:Device)
         RETURN [c.id, ch.id, toString(c.filedAt), p.number, d.id, c.claim, c.text]
       } AS complaints
