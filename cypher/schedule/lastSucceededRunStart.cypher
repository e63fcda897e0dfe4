// When the latest successful analysis run started: the records trigger counts what no
// successful run has read since.
MATCH (run:AnalysisRun {status: 'succeeded'})
RETURN run.startedAt AS startedAt
ORDER BY run.startedAt DESC, run.id DESC
LIMIT 1
