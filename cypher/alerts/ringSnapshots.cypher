// The rings as the alerts last saw them: what the next run's rings are compared with.
MATCH (s:RingSnapshot)
RETURN properties(s) AS snapshot
ORDER BY s.id
