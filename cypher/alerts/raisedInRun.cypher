// The alerts one run raised (or raised again), with the members of their ring as that run
// left it: what the replay and its evaluation match against the planted gangs.
MATCH (a:Alert {runId: $runId})
OPTIONAL MATCH (s:RingSnapshot {id: a.ringId})
RETURN properties(a) AS alert, coalesce(s.members, []) AS members
ORDER BY a.raisedAt, a.id
