// The receiver failed or did not answer: try these again at $nextAttemptAt, saying why.
UNWIND $ids AS id
MATCH (a:Alert {id: id})
SET a.attempts = a.attempts + 1, a.lastError = $error, a.lastAttemptAt = datetime($at), a.nextAttemptAt = datetime($nextAttemptAt)
RETURN count(a) AS failed
