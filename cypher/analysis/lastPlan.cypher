// The last successful run, whose rings are the current ones, with the plan it saw: what an
// incremental run compares its own plan with. Beside it, the labelling rules of every run
// started since (the asking run's own included): a run that failed may still have
// relabelled identifiers under rules of its own, whose labels stay.
MATCH (run:AnalysisRun {status: 'succeeded'})
WITH run ORDER BY run.finishedAt DESC, run.id DESC LIMIT 1
OPTIONAL MATCH (run)-[:PLANNED]->(plan:AnalysisPlan)
RETURN properties(run) AS run, plan.state AS state,
  COLLECT {
    MATCH (later:AnalysisRun) WHERE later.startedAt >= run.startedAt AND later <> run
    RETURN DISTINCT coalesce(later.sharedLabelling, '')
  } AS labellingSince
