// Everything about one ring in one round trip, so its parts agree with each other and a
// busy server pays one query per ring page: the ring and its signals, the run that found
// it, money summed over all members, the strongest members (up to $members) with the
// facts that tie them in, its tools by rank, the members' complaints (with channels) and
// the calls about them, oldest first (up to $limit each), and its review history, newest
// first. No row means no such ring.
MATCH (r:Ring {id: $id})
OPTIONAL MATCH (r)-[:FOUND_IN]->(run:AnalysisRun)
CALL {
  WITH r
  OPTIONAL MATCH (r)-[s:SHOWS]->(sig:Signal)
  RETURN collect(CASE WHEN s IS NULL THEN null ELSE s {.*, name: sig.name} END) AS signals
}
CALL {
  WITH r
  MATCH (b:Borrower)-[:MEMBER_OF]->(r)
  RETURN count(b) AS membersTotal, sum(coalesce(b.outstandingPrincipal, 0)) AS outstandingTotal, count(b.outstandingPrincipal) AS outstandingCount
}
CALL {
  WITH r
  MATCH (b:Borrower)-[m:MEMBER_OF]->(r)
  WITH b, m ORDER BY m.weight DESC, b.id ASC LIMIT $members
  RETURN collect(m {.*, borrowerId: b.id, name: b.name, overdueDays: b.overdueDays, outstandingPrincipal: b.outstandingPrincipal}) AS members
}
CALL {
  WITH r
  OPTIONAL MATCH (r)-[t:USES_TOOL]->(tool)
  WITH t, tool ORDER BY t.rank
  RETURN collect(CASE WHEN t IS NULL THEN null ELSE t {.kind, .rank, .members, .degree, .usages, id: coalesce(tool.number, tool.id)} END) AS tools
}
CALL {
  WITH r
  OPTIONAL MATCH (r)<-[:MEMBER_OF]-(b:Borrower)-[:FILED]->(c:Complaint)
  OPTIONAL MATCH (c)-[:VIA]->(ch:ComplaintChannel)
  OPTIONAL MATCH (c)-[:FROM_PHONE]->(p:Phone)
  OPTIONAL MATCH (c)-[:FROM_DEVICE]->(d:Device)
  WITH c, b, ch, p, d ORDER BY c.filedAt, c.id
  WITH collect(CASE WHEN c IS NULL THEN null ELSE {type: 'complaint', id: c.id, at: c.filedAt, borrowerId: b.id, channelId: ch.id, claim: c.claim, text: c.text, phone: p.number, deviceId: d.id} END) AS rows,
       collect(DISTINCT ch {.id, .name, .kind}) AS channels
  RETURN rows[..$limit] AS complaints, size(rows) AS complaintsTotal, channels
}
CALL {
  WITH r
  OPTIONAL MATCH (r)<-[:MEMBER_OF]-(b:Borrower)<-[:ABOUT]-(k:Call)
  OPTIONAL MATCH (k)-[:FROM_PHONE]->(p:Phone)
  OPTIONAL MATCH (k)-[:SPOKEN_BY]->(v:Voiceprint)
  WITH k, b, p, v ORDER BY k.at, k.id
  WITH collect(CASE WHEN k IS NULL THEN null ELSE {type: 'call', id: k.id, at: k.at, borrowerId: b.id, phone: p.number, voiceprintId: v.id, voiceMatch: k.voiceMatch, identityVerified: k.identityVerified} END) AS rows
  RETURN rows[..$limit] AS calls, size(rows) AS callsTotal
}
CALL {
  WITH r
  OPTIONAL MATCH (rv:Review {ringId: r.id})
  WITH rv ORDER BY rv.at DESC, rv.id DESC
  RETURN collect(rv {.id, .ringId, .verdict, .note, .at, .by}) AS reviews
}
RETURN properties(r) AS ring, signals, CASE WHEN run IS NULL THEN null ELSE properties(run) END AS run,
       membersTotal, outstandingTotal, outstandingCount, members, tools,
       complaints, complaintsTotal, channels, calls, callsTotal, reviews
