// Every tie of each phone, device and voice that ties two borrowers or more, however it
// ties them: what the analysis plan splits the graph into components by, and finds the
// hubs from, without reading the evidence. An identifier with one relationship ties
// nobody, and most (a borrower's own phone and handset) are skipped on their degree alone.
CALL () {
  MATCH (p:Phone) WHERE COUNT { (p)--() } >= 2
  CALL (p) {
    MATCH (b:Borrower)-[h:HAS_PHONE]->(p)
    RETURN b.id AS borrowerId, CASE h.role WHEN 'contact' THEN 'contactPhone' ELSE 'registeredPhone' END AS usage
    UNION
    MATCH (b:Borrower)-[:FILED]->(:Complaint)-[:FROM_PHONE]->(p)
    RETURN b.id AS borrowerId, 'complaintPhone' AS usage
    UNION
    MATCH (b:Borrower)<-[:ABOUT]-(:Call)-[:FROM_PHONE]->(p)
    RETURN b.id AS borrowerId, 'callPhone' AS usage
  }
  WITH p, collect([borrowerId, usage]) AS ties, count(DISTINCT borrowerId) AS borrowers
  WHERE borrowers >= 2
  RETURN 'phone' AS kind, p.number AS value, ties
  UNION ALL
  MATCH (d:Device) WHERE COUNT { (d)--() } >= 2
  CALL (d) {
    MATCH (b:Borrower)-[:USED_DEVICE]->(d)
    RETURN b.id AS borrowerId, 'deviceLogin' AS usage
    UNION
    MATCH (b:Borrower)-[:FILED]->(:Complaint)-[:FROM_DEVICE]->(d)
    RETURN b.id AS borrowerId, 'complaintDevice' AS usage
  }
  WITH d, collect([borrowerId, usage]) AS ties, count(DISTINCT borrowerId) AS borrowers
  WHERE borrowers >= 2
  RETURN 'device' AS kind, d.id AS value, ties
  UNION ALL
  MATCH (v:Voiceprint) WHERE COUNT { (v)--() } >= 2
  CALL (v) {
    MATCH (b:Borrower)<-[:ABOUT]-(:Call)-[:SPOKEN_BY]->(v)
    RETURN DISTINCT b.id AS borrowerId, 'callVoice' AS usage
  }
  WITH v, collect([borrowerId, usage]) AS ties, count(DISTINCT borrowerId) AS borrowers
  WHERE borrowers >= 2
  RETURN 'voice' AS kind, v.id AS value, ties
}
RETURN kind, value, ties
