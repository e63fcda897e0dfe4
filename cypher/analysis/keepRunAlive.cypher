// A running run's sign of life (analysis/runLease.ts), refreshed while it works; 0 when
// the run no longer runs, which its last transaction reads as "declared abandoned".
MATCH (run:AnalysisRun {id: $id})
WHERE run.status = 'running'
SET run.aliveAt = datetime()
RETURN count(run) AS alive
