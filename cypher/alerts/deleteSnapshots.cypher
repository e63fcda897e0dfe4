// The rings the alerts saw before this run that are gone, or that this run sees otherwise
// (createSnapshots writes them anew); the others stay as they were.
UNWIND $ids AS id
MATCH (s:RingSnapshot {id: id})
DELETE s
RETURN count(*) AS deleted
