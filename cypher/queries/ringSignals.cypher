// Why a ring scores what it does: each signal, its value, weight and contribution, how many
// members show it out of how many it could be seen for, or why it could not be observed.
// In Neo4j Browser: :param ringId => 'ring-...'
MATCH (r:Ring {id: $ringId})-[s:SHOWS]->(sig:Signal)
RETURN sig.name AS signal, s.observed AS observed, s.unobservedBecause AS unobservedBecause,
       round(s.value, 3) AS value, round(s.weight, 3) AS weight, round(s.contribution, 3) AS contribution,
       s.count AS members, s.of AS ofMembers
ORDER BY contribution DESC, signal
