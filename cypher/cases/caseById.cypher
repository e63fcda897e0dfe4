// One case: its properties, its open alerts (last raised first), its latest history entries
// (newest first, at most $history) and how many there are in all.
MATCH (c:Case {id: $id})
CALL {
  WITH c
  OPTIONAL MATCH (a:Alert {status: 'open'})-[:FOR_CASE]->(c)
  WITH a ORDER BY a.raisedAt DESC, a.id DESC
  RETURN collect(properties(a)) AS alerts
}
CALL {
  WITH c
  OPTIONAL MATCH (c)-[:RECORDED]->(e:CaseEvent)
  WITH e ORDER BY e.at DESC, e.seq DESC, e.id DESC
  RETURN collect(properties(e))[..$history] AS history, count(e) AS historyTotal
}
RETURN properties(c) AS case, alerts, history, historyTotal
