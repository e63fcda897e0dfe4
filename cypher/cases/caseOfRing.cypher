// The case following a ring, if any, locked for the changing transaction like caseForUpdate.
MATCH (c:Case {ringId: $ringId})
WHERE c.mergedInto IS NULL
WITH c ORDER BY c.openedAt, c.id LIMIT 1
SET c.lock = true
REMOVE c.lock
RETURN properties(c) AS case
