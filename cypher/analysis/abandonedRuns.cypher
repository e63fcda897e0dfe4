// Runs still recorded as running whose last sign of life (keepRunAlive; the start for a run
// recorded before runs gave one) is older than the lease: their process stopped without
// recording how they ended.
MATCH (run:AnalysisRun {status: 'running'})
WITH run, coalesce(run.aliveAt, datetime(run.startedAt)) AS seen
WHERE seen < datetime() - duration({milliseconds: $leaseMs})
RETURN run.id AS id, seen.epochMillis AS seenAt
