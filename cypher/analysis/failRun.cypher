// A run that failed keeps its record, with the error; the rings of the last good run stay.
MATCH (run:AnalysisRun {id: $id})
SET run.status = 'failed', run.finishedAt = $finishedAt, run.error = $error
