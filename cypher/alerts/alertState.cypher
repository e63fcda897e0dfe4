// The analysis run whose rings the alerts last saw (null before the first), read under a
// write lock on the one AlertState node: alert runs and the first review of a ring both
// take it before they look for a ring's case, so neither opens a second case beside the
// other's.
MERGE (s:AlertState {id: 'alerts'})
SET s.locked = true
REMOVE s.locked
RETURN s.runId AS runId
