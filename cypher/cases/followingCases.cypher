// Cases that follow a ring (not merged into another case's ring), with what each knew of it.
MATCH (c:Case)
WHERE c.mergedInto IS NULL
RETURN properties(c) AS case
ORDER BY c.openedAt, c.id
