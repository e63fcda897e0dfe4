// Records ingested (through the API or a bulk load) after an instant, from the ingest stamps
// every write leaves; with $since null, all of them.
MATCH (s:IngestStamp)
WHERE $since IS NULL OR s.at > datetime($since)
RETURN coalesce(sum(s.records), 0) AS records
