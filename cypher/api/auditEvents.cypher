// The audit trail, newest first, one keyset page after ($afterAt, $afterId).
MATCH (a:AuditEvent)
WHERE $afterAt IS NULL OR a.at < datetime($afterAt) OR (a.at = datetime($afterAt) AND a.id < $afterId)
RETURN a {.id, .at, .role, .keyFingerprint, .credential, .method, .route, .status, .records, .durationMs} AS event
ORDER BY a.at DESC, a.id DESC
LIMIT $limit
