// A ring's members with the facts that tie them in, strongest tie first then by borrower id,
// one keyset page after ($afterWeight, $afterId).
// No row at all means no such ring; an empty list means a page past the end.
MATCH (r:Ring {id: $id})
CALL {
  WITH r
  MATCH (b:Borrower)-[m:MEMBER_OF]->(r)
  WHERE $afterWeight IS NULL OR m.weight < $afterWeight OR (m.weight = $afterWeight AND b.id > $afterId)
  WITH b, m ORDER BY m.weight DESC, b.id ASC LIMIT $limit
  RETURN collect(m {.*, borrowerId: b.id}) AS members
}
RETURN members
