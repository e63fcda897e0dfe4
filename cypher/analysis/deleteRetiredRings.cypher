// The rings this run replaced (retireRings), deleted once the new ones are written.
MATCH (r:RetiredRing)
DETACH DELETE r
