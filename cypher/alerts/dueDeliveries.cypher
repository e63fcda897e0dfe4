// Alerts a webhook has not delivered as they are now, whose next attempt is due, oldest due first.
MATCH (a:Alert)
WHERE a.nextAttemptAt <= datetime($now) AND a.version > a.deliveredVersion
RETURN properties(a) AS alert
ORDER BY a.nextAttemptAt, a.raisedAt, a.id
LIMIT $limit
