// The receiver took these versions; an alert raised again meanwhile is due again at once.
UNWIND $alerts AS row
MATCH (a:Alert {id: row.id})
SET a.deliveredVersion = CASE WHEN row.version > a.deliveredVersion THEN row.version ELSE a.deliveredVersion END,
    a.deliveredAt = datetime($at),
    a.attempts = 0,
    a.lastError = null,
    a.nextAttemptAt = CASE WHEN a.version > row.version THEN datetime($at) ELSE null END
RETURN count(a) AS delivered
