// The writes no successful run has examined yet (never claimed, or claimed by a run that
// failed), claimed by this run: the borrowers they are about, and whether every one of
// them said whom it was about (stamps from before they did count as unknown).
MATCH (s:IngestStamp)
WHERE s.analysedBy IS NULL OR NOT EXISTS { MATCH (:AnalysisRun {id: s.analysedBy, status: 'succeeded'}) }
SET s.analysedBy = $runId
WITH collect(s.borrowers) AS lists, count(s) AS stamps
WITH stamps, size(lists) AS known, lists
UNWIND (CASE WHEN size(lists) = 0 THEN [[]] ELSE lists END) AS list
UNWIND (CASE WHEN size(list) = 0 THEN [null] ELSE list END) AS borrower
RETURN stamps, known, collect(DISTINCT borrower) AS borrowers
