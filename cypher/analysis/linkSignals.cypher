// Each ring's signals: what it shows, how much it counts, or why it could not be observed.
UNWIND $signals AS s
MATCH (r:StagedRing {id: s.ringId, runId: $runId})
MERGE (sig:Signal {name: s.name})
CREATE (r)-[rel:SHOWS]->(sig)
SET rel = s.props
