// One USED_DEVICE per borrower and device; sightings widen its [firstSeenAt, lastSeenAt] window,
// which makes re-sending a sighting a no-op.
// Returns how many rows resolved every reference (MATCH drops the others, which then write
// nothing): the ingest looks up which ids are missing only when some did not.
UNWIND $rows AS row
MATCH (b:Borrower {id: row.borrowerId})
MERGE (d:Device {id: row.deviceId})
MERGE (b)-[u:USED_DEVICE]->(d)
WITH u, datetime(row.seenAt) AS seen
SET u.firstSeenAt = CASE WHEN seen IS NULL OR u.firstSeenAt <= seen THEN u.firstSeenAt ELSE seen END,
    u.lastSeenAt = CASE WHEN seen IS NULL OR u.lastSeenAt >= seen THEN u.lastSeenAt ELSE seen END
RETURN count(*) AS resolved
