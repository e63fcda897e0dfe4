CREATE (run:AnalysisRun {id: $id})
SET run += $props
