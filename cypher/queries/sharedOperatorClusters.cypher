// Clusters where one person handles several identities without a complaint campaign (a relative
// taking calls for a family, a broker, a caregiver, or a gang whose complaints the platform never
// saw), listed apart from the suspected gangs. In Neo4j Browser: run as is.
MATCH (r:Ring {kind: 'sharedOperator'})
RETURN r.id AS cluster, round(r.score, 3) AS score, r.size AS members, r.operated AS operated,
       r.complainants AS complainants, r.topSignals AS strongestSignals
ORDER BY score DESC, cluster
LIMIT 25
