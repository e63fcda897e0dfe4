// A borrower with every identifier tied to them, how much they complained and were called
// about, and the rings of the current run they are a member of.
MATCH (b:Borrower {id: $id})
CALL {
  WITH b
  OPTIONAL MATCH (b)-[h:HAS_PHONE]->(p:Phone)
  WITH h, p ORDER BY p.number
  RETURN collect(CASE WHEN p IS NULL THEN null ELSE {number: p.number, role: h.role} END) AS phones
}
CALL {
  WITH b
  OPTIONAL MATCH (b)-[:USED_DEVICE]->(d:Device)
  WITH d ORDER BY d.id
  RETURN collect(d {.id}) AS devices
}
CALL {
  WITH b
  OPTIONAL MATCH (b)-[:RECRUITED_VIA]->(a:AdSource)
  WITH a ORDER BY a.id
  RETURN collect(a {.id, .kind, .label}) AS adSources
}
CALL {
  WITH b
  OPTIONAL MATCH (b)-[m:MEMBER_OF]->(r:Ring)
  WITH m, r ORDER BY r.score DESC
  RETURN collect(CASE WHEN r IS NULL THEN null ELSE m {.*, ringId: r.id, score: r.score, kind: r.kind} END) AS rings
}
RETURN b {.id, .name, .idNumberHash, .registeredAt, .overdueDays, .outstandingPrincipal} AS borrower,
       phones, devices, adSources, rings,
       COUNT { (b)-[:FILED]->(:Complaint) } AS complaints,
       COUNT { (:Call)-[:ABOUT]->(b) } AS calls
