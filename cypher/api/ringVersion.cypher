// What can change about a ring between two reads without a new analysis run: only its
// reviews. The run id says whether a cached copy of the rest is still the current one.
MATCH (r:Ring {id: $id})
CALL {
  WITH r
  OPTIONAL MATCH (rv:Review {ringId: r.id})
  WITH rv ORDER BY rv.at DESC, rv.id DESC
  RETURN collect(rv {.id, .ringId, .verdict, .note, .at, .by}) AS reviews
}
RETURN r.runId AS runId, reviews
