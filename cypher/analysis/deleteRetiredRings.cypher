// Up to $limit of the rings runs have replaced (retireRings), deleted; run again until it
// deletes none. They are out of sight since their run committed; deleting them in the
// run's own transaction took more memory than a 5,000,000-borrower run's write may.
MATCH (r:RetiredRing)
WITH r LIMIT $limit
DETACH DELETE r
RETURN count(*) AS deleted
