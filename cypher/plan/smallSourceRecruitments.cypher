// Every recruitment through an ad source small enough to be a gang's flyer, chat group or
// account (at most $maxRecruits recruits) of a recruit who complained: where recruitment
// campaigns are looked for. The others only count towards the source's size, read from
// its degree (see adSourceRecruits.cypher).
MATCH (a:AdSource)
WHERE COUNT { ()-[:RECRUITED_VIA]->(a) } <= $maxRecruits
MATCH (b:Borrower)-[r:RECRUITED_VIA]->(a)
WHERE EXISTS { (b)-[:FILED]->(:Complaint) }
RETURN b.id AS borrowerId, a.id AS adSourceId, toString(r.at) AS at
ORDER BY borrowerId, adSourceId
