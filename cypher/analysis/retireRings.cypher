// A run replaces the rings of the previous one (inside the same transaction, so readers
// never see half a run), except those in components it found unchanged ($keep). Reviews
// are kept apart, keyed by ring id, and survive this. The rings it replaces only lose their
// label, which frees their ids for the new rings and hides them from every reader once the
// run commits; they are deleted after it (deleteRetiredRings). Deleted in the run's own
// transaction, their links to the few nodes every ring shares (its signals) made each new
// link several times slower, and the transaction outgrew Neo4j's memory limit at 5M.
MATCH (r:Ring)
WHERE NOT r.id IN $keep
REMOVE r:Ring
SET r:RetiredRing
