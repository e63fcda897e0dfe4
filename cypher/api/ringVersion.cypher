// What can change what a ring's page shows: the run that wrote it, any ingest since (the
// count of ingest stamps, which only grows), and its reviews. A cached page is reused only
// while all three are the same.
MATCH (r:Ring {id: $id})
CALL {
  WITH r
  OPTIONAL MATCH (rv:Review {ringId: r.id})
  WITH rv ORDER BY rv.at DESC, rv.id DESC
  RETURN collect(rv {.id, .ringId, .verdict, .note, .at, .by}) AS reviews
}
CALL {
  MATCH (s:IngestStamp)
  RETURN count(s) AS ingestStamps
}
RETURN r.runId AS runId, ingestStamps, reviews
