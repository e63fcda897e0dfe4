// A run replaces the rings of the previous one (inside the same transaction, so readers
// never see half a run), except those in components it found unchanged ($keep). Reviews
// are kept apart, keyed by ring id, and survive this. The rings it replaces lose their
// label first, freeing their ids for the new rings, and are deleted last
// (deleteRetiredRings): deleted first, their links to the few nodes every ring shares (its
// signals) made each new link in the same transaction several times slower.
MATCH (r:Ring)
WHERE NOT r.id IN $keep
REMOVE r:Ring
SET r:RetiredRing
