// The abandoned runs (abandonedRuns.cypher) recorded failed as of their last sign of life,
// unless one gave a sign since; their staged rings go with the next deleteRetiredRings.
UNWIND $runs AS abandoned
MATCH (run:AnalysisRun {id: abandoned.id})
WHERE run.status = 'running' AND coalesce(run.aliveAt, datetime(run.startedAt)).epochMillis = abandoned.seenAt
SET run.status = 'failed', run.finishedAt = abandoned.finishedAt, run.error = $error
RETURN run.id AS id
