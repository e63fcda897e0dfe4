// GDS peer, last step: the projection lives on the heap until dropped; false: no error
// when it is already gone (a failed run, a restart).
CALL gds.graph.drop($graphName, false)
YIELD graphName
RETURN graphName
