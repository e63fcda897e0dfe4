// A run is recorded before it starts working, so its id answers even if the process dies;
// its sign of life starts here (keepRunAlive.cypher).
CREATE (run:AnalysisRun {id: $id})
SET run += $props, run.status = 'running', run.aliveAt = datetime()
