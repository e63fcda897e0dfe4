// A run replaces the rings of the previous one (inside the same transaction, so readers
// never see half a run), except those in components it found unchanged ($keep). Reviews
// are kept apart, keyed by ring id, and survive this.
MATCH (r:Ring)
WHERE NOT r.id IN $keep
DETACH DELETE r
