// One run with everything it recorded: status, options, statistics, outcome.
MATCH (run:AnalysisRun {id: $id})
RETURN properties(run) AS run
