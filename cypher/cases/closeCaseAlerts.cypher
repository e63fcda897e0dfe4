// The cases' open alerts are closed: someone worked the case, or its ring merged into another
// case's ring or is gone (the next event on a ring it follows opens a new one).
UNWIND $caseIds AS caseId
MATCH (a:Alert {status: 'open'})-[:FOR_CASE]->(:Case {id: caseId})
SET a.status = 'closed', a.closedAt = datetime($at)
RETURN count(a) AS closed
