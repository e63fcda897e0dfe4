// The peer's in-memory graph: its size on the heap, as GDS counts it, read before it is dropped.
CALL gds.graph.list($graphName)
YIELD nodeCount, relationshipCount, sizeInBytes
RETURN nodeCount, relationshipCount, sizeInBytes
