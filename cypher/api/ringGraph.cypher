// The ring's evidence subgraph as edge rows: its strongest members (up to $members), their phones,
// devices, ad sources, complaints (with channel, phone, device) and calls (with phone and voice);
// the ring's tools by rank; and which of those members' identifiers the ring's run cut or
// down-weighted as hubs, so a picture can show them apart. Only the properties a picture needs
// are read; free texts and ID hashes stay in the graph.
MATCH (r:Ring {id: $id})
CALL {
  WITH r
  MATCH (b:Borrower)-[m:MEMBER_OF]->(r)
  WITH b, m ORDER BY m.weight DESC, b.id LIMIT $members
  RETURN collect(m {.*, borrowerId: b.id, name: b.name, overdueDays: b.overdueDays, outstandingPrincipal: b.outstandingPrincipal}) AS members, collect(b) AS borrowers
}
CALL {
  WITH borrowers
  UNWIND borrowers AS b
  CALL {
    WITH b
    MATCH (b)-[e:HAS_PHONE|USED_DEVICE|RECRUITED_VIA|FILED]->(x)
    RETURN b AS s, e, x AS t
    UNION
    WITH b
    MATCH (b)-[:FILED]->(c:Complaint)-[e:VIA|FROM_PHONE|FROM_DEVICE]->(x)
    RETURN c AS s, e, x AS t
    UNION
    WITH b
    MATCH (k:Call)-[e:ABOUT]->(b)
    RETURN k AS s, e, b AS t
    UNION
    WITH b
    MATCH (k:Call)-[:ABOUT]->(b)
    MATCH (k)-[e:FROM_PHONE|SPOKEN_BY]->(x)
    RETURN k AS s, e, x AS t
  }
  WITH s, e, t LIMIT $rows
  RETURN collect({
    type: type(e),
    source: {type: labels(s)[0], key: coalesce(s.id, s.number), props: s {.name, .overdueDays, .claim, .filedAt, .at, .voiceMatch, .identityVerified, .label, .kind}},
    target: {type: labels(t)[0], key: coalesce(t.id, t.number), props: t {.name, .overdueDays, .claim, .filedAt, .at, .voiceMatch, .identityVerified, .label, .kind}}
  }) AS rows
}
CALL {
  WITH r
  OPTIONAL MATCH (r)-[t:USES_TOOL]->(tool)
  WITH t, tool ORDER BY t.rank
  RETURN collect(CASE WHEN t IS NULL THEN null ELSE t {.kind, .rank, .members, .degree, .usages, id: coalesce(tool.number, tool.id)} END) AS tools
}
CALL {
  WITH r, borrowers
  MATCH (r)-[:FOUND_IN]->(run:AnalysisRun)
  UNWIND borrowers AS b
  CALL {
    WITH b
    MATCH (b)-[:HAS_PHONE|USED_DEVICE|RECRUITED_VIA]->(x)
    RETURN x
    UNION
    WITH b
    MATCH (b)-[:FILED]->(:Complaint)-[:FROM_PHONE|FROM_DEVICE]->(x)
    RETURN x
    UNION
    WITH b
    MATCH (k:Call)-[:ABOUT]->(b)
    MATCH (k)-[:FROM_PHONE|SPOKEN_BY]->(x)
    RETURN x
  }
  WITH DISTINCT run, x
  MATCH (run)-[h:TREATED_AS_HUB]->(x)
  RETURN collect(h {.action, .degree, .usage, .limit, .specificity, type: labels(x)[0], id: coalesce(x.number, x.id)}) AS hubs
}
RETURN r.score AS score, members, rows, tools, hubs
