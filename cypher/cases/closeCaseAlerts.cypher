// Someone worked the case: its open alerts are closed (the next event on its ring opens a new one).
MATCH (a:Alert {status: 'open'})-[:FOR_CASE]->(:Case {id: $caseId})
SET a.status = 'closed', a.closedAt = datetime($at)
RETURN count(a) AS closed
