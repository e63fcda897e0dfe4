// The rings as the alerts last saw them, except those a run left standing: what the run's
// written rings are compared with when the alerts last saw the run it built on (the
// standing rings are as they were then, so they have nothing new to say).
MATCH (s:RingSnapshot)
WHERE NOT s.id IN $standing
RETURN properties(s) AS snapshot
ORDER BY s.id
