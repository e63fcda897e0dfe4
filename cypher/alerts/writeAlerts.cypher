// Alerts raised by a run, new or raised again, written whole and tied to their case. Each
// write is a new version of the alert; a webhook delivers versions it has not delivered
// ($deliver: whether a receiver is configured, so the alert is due now).
UNWIND $alerts AS row
MERGE (a:Alert {id: row.id})
ON CREATE SET a.version = 0, a.deliveredVersion = 0, a.attempts = 0
SET a += row.props,
    a.firstRaisedAt = datetime(row.firstRaisedAt),
    a.raisedAt = datetime(row.raisedAt),
    a.version = a.version + 1,
    a.nextAttemptAt = CASE WHEN $deliver THEN datetime(row.raisedAt) ELSE null END
WITH a, row
MATCH (c:Case {id: row.caseId})
MERGE (a)-[:FOR_CASE]->(c)
RETURN count(a) AS written
