// When the latest analysis run started, whatever became of it: the schedule counts from it.
MATCH (run:AnalysisRun)
RETURN run.startedAt AS startedAt, run.id AS runId
ORDER BY run.startedAt DESC, run.id DESC
LIMIT 1
