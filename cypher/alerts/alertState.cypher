// The analysis run whose rings the alerts last saw (none before the first).
OPTIONAL MATCH (s:AlertState {id: 'alerts'})
RETURN s.runId AS runId
