// A case about to be changed, read in the changing transaction (so a concurrent change waits
// for this one and then sees it: the version check is not fooled by a stale read).
MATCH (c:Case {id: $id})
SET c.lock = true
REMOVE c.lock
RETURN properties(c) AS case
