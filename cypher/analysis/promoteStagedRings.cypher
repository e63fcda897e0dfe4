// The run's staged rings (createRings.cypher) become its rings: in the run's last
// transaction, after retireRings has taken the label off those they replace, so readers
// see the old rings until the commit and the new ones from it, never half of either.
MATCH (r:StagedRing {runId: $runId})
REMOVE r:StagedRing
SET r:Ring
RETURN count(*) AS promoted
