// Where recruitment campaigns are looked for: every recruit who complained of an ad source
// small enough to be a gang's flyer, chat group or account (at most $maxRecruits recruits),
// with their recruitments through such sources, their complaints and their own record
// (their names are masked in the texts compared). One pass from the sources: reading the
// recruits first and then their records by id looked every recruit up twice. The others
// only count towards a source's size, read from its degree (adSourceRecruits.cypher).
MATCH (a:AdSource)
WHERE COUNT { ()-[:RECRUITED_VIA]->(a) } <= $maxRecruits
MATCH (b:Borrower)-[r:RECRUITED_VIA]->(a)
WHERE EXISTS { (b)-[:FILED]->(:Complaint) }
WITH b, collect([a.id, toString(r.at)]) AS recruitments
RETURN b.id AS id, b.name AS name, b.overdueDays AS overdueDays, b.outstandingPrincipal AS outstandingPrincipal, toString(b.registeredAt) AS registeredAt,
       recruitments,
       COLLECT {
         MATCH (b)-[:FILED]->(c:Complaint)-[:VIA]->(ch:ComplaintChannel)
         OPTIONAL MATCH (c)-[:FROM_PHONE]->(p:Phone)
         OPTIONAL MATCH (c)-[:FROM_DEVICE]->(d:Device)
         RETURN [c.id, ch.id, toString(c.filedAt), p.number, d.id, c.claim, c.text]
       } AS complaints
