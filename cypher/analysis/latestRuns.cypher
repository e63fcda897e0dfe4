// The latest runs, newest first.
MATCH (run:AnalysisRun)
WITH run ORDER BY run.startedAt DESC, run.id DESC LIMIT $limit
RETURN properties(run) AS run
