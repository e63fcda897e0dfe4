// Alerts, last raised first, one keyset page after ($afterAt, $afterId), raised at or after
// $since, optionally of one status, kind or ring.
MATCH (a:Alert)
WHERE ($since IS NULL OR a.raisedAt >= datetime($since))
  AND ($status IS NULL OR a.status = $status)
  AND ($kind IS NULL OR a.kind = $kind)
  AND ($ringId IS NULL OR a.ringId = $ringId)
  AND ($afterAt IS NULL OR a.raisedAt < datetime($afterAt) OR (a.raisedAt = datetime($afterAt) AND a.id < $afterId))
RETURN properties(a) AS alert
ORDER BY a.raisedAt DESC, a.id DESC
LIMIT $limit
