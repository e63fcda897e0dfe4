// Cases that follow one of the rings in play (not merged into another case's ring), and
// any that follows a standing ring with a verdict but never saw its ring (an older record:
// the next alert run learns its ring, so the caller then reads the whole state instead).
MATCH (c:Case)
WHERE c.mergedInto IS NULL
  AND (c.ringId IN $rings OR (c.ringId IN $standing AND c.status IN $verdicts AND c.known_members IS NULL))
RETURN properties(c) AS case
ORDER BY c.openedAt, c.id
