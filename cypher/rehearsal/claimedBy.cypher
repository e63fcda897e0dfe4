// The borrowers whose writes a run claimed (claimTouched.cypher): what a day gave it to examine.
MATCH (s:IngestStamp {analysedBy: $runId})
UNWIND s.borrowers AS id
WITH DISTINCT id LIMIT $limit
RETURN collect(id) AS borrowers
