// Cases, last changed first, one keyset page after ($afterAt, $afterId), optionally of one
// status or assignee, each with the number of its open alerts.
MATCH (c:Case)
WHERE ($status IS NULL OR c.status = $status)
  AND ($assignee IS NULL OR c.assignee = $assignee)
  AND ($afterAt IS NULL OR c.updatedAt < datetime($afterAt) OR (c.updatedAt = datetime($afterAt) AND c.id < $afterId))
WITH c ORDER BY c.updatedAt DESC, c.id DESC LIMIT $limit
RETURN properties(c) AS case, COUNT { (:Alert {status: 'open'})-[:FOR_CASE]->(c) } AS openAlerts
ORDER BY c.updatedAt DESC, c.id DESC
