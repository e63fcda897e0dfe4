// Up to $limit of the rings runs have replaced (retireRings), deleted; run again until it
// deletes none. They are out of sight since their run committed; deleting them in the
// run's own transaction took more memory than a 5,000,000-borrower run's write may. With
// them, the staged rings of runs no longer running (a run that failed while writing them):
// a run's own are promoted before it stops running, and a run whose process died stops
// running once declared abandoned (failAbandonedRuns.cypher).
MATCH (r:RetiredRing|StagedRing)
WHERE r:RetiredRing OR NOT EXISTS { (r)-[:FOUND_IN]->(:AnalysisRun {status: 'running'}) }
WITH r LIMIT $limit
DETACH DELETE r
RETURN count(*) AS deleted
