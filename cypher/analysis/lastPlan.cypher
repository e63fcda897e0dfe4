// The last successful run, whose rings are the current ones, with the plan it saw: what an
// incremental run compares its own plan with.
MATCH (run:AnalysisRun {status: 'succeeded'})
WITH run ORDER BY run.finishedAt DESC, run.id DESC LIMIT 1
OPTIONAL MATCH (run)-[:PLANNED]->(plan:AnalysisPlan)
RETURN properties(run) AS run, plan.state AS state
