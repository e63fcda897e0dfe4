// One ring as a picture: its members and the agent's tools (phones, devices, voices, ad sources).
// In Neo4j Browser: :param ringId => 'ring-...' then run; switch to the Graph view.
MATCH (r:Ring {id: $ringId})
OPTIONAL MATCH member = (:Borrower)-[:MEMBER_OF]->(r)
OPTIONAL MATCH tool = (r)-[:USES_TOOL]->()
RETURN r, collect(DISTINCT member) AS members, collect(DISTINCT tool) AS tools
