// Which of the referenced ids are already in the graph.
UNWIND $ids AS id
MATCH (n:AdSource {id: id})
RETURN n.id AS id
