// Open alerts whose case's ring merged into another case's ring, or is gone: closed, as when
// someone works the case (the case's history says which it was).
UNWIND $ids AS id
MATCH (a:Alert {id: id})
WHERE a.status = 'open'
SET a.status = 'closed', a.closedAt = datetime($at)
RETURN count(a) AS closed
