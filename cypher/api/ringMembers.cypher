// A ring's members, strongest tie first then by borrower id, one keyset page after ($afterWeight, $afterId).
// No row at all means no such ring; an empty list means a page past the end.
MATCH (r:Ring {id: $id})
CALL {
  WITH r
  MATCH (b:Borrower)-[m:MEMBER_OF]->(r)
  WHERE $afterWeight IS NULL OR m.weight < $afterWeight OR (m.weight = $afterWeight AND b.id > $afterId)
  WITH b, m ORDER BY m.weight DESC, b.id ASC LIMIT $limit
  RETURN collect({borrowerId: b.id, role: m.role, weight: m.weight, reasons: m.reasons,
                  name: b.name, overdueDays: b.overdueDays, outstandingPrincipal: b.outstandingPrincipal}) AS members
}
RETURN members
