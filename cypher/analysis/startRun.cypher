// A run is recorded before it starts working, so its id answers even if the process dies.
CREATE (run:AnalysisRun {id: $id})
SET run += $props, run.status = 'running'
