// Records a verdict on a ring of the current run. MERGE on the review's own id keeps a retried
// transaction from recording it twice. No row back means no such ring.
MATCH (r:Ring {id: $review.ringId})
MERGE (rv:Review {id: $review.id})
ON CREATE SET rv.ringId = r.id, rv.verdict = $review.verdict, rv.note = $review.note, rv.at = datetime($review.at), rv.by = $review.by
RETURN rv {.id, .ringId, .verdict, .note, .at, .by} AS review
