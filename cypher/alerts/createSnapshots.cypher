// The rings as this run left them, for the next run's alerts to compare with.
UNWIND $rings AS row
CREATE (s:RingSnapshot)
SET s = row
RETURN count(s) AS created
