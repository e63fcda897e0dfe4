// GDS peer, step 5: Louvain communities over the SIMILAR graph weighted by Jaccard, read
// back with each borrower's WCC cluster and fraud score, for borrowers in clusters of at
// least $minClusterSize (smaller clusters cannot hold a ring). Which communities become
// rings is decided in src/gds/selectPeerRings.ts.
CALL gds.louvain.stream($graphName, {
  nodeLabels: ['Borrower'],
  relationshipTypes: ['SIMILAR'],
  relationshipWeightProperty: 'jaccard'
})
YIELD nodeId, communityId
WITH gds.util.nodeProperty($graphName, nodeId, 'cluster') AS cluster,
     {node: nodeId, community: communityId, score: gds.util.nodeProperty($graphName, nodeId, 'fraudScore')} AS member
WITH cluster, collect(member) AS members
WHERE size(members) >= $minClusterSize
UNWIND members AS m
RETURN gds.util.asNode(m.node).id AS borrowerId, cluster, m.community AS community, m.score AS score
