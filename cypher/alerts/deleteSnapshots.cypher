// The rings the alerts saw before this run, replaced by this run's (createSnapshots).
MATCH (s:RingSnapshot)
DELETE s
RETURN count(*) AS deleted
