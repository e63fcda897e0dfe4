// The run's outcome, written in the same transaction as its rings.
MATCH (run:AnalysisRun {id: $id})
SET run += $props, run.status = 'succeeded'
