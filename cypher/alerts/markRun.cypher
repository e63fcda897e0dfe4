// The run whose rings the alerts have now seen: applying it again changes nothing.
MERGE (s:AlertState {id: 'alerts'})
SET s.runId = $runId, s.at = datetime($at)
RETURN s.runId AS runId
