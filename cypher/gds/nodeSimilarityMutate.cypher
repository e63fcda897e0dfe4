// GDS peer, step 3: how alike two borrowers' identifier sets are (Jaccard), for each
// borrower's $topK most similar others, as SIMILAR relationships weighted `jaccard`.
// Compared only within a WCC cluster (useComponents: 'cluster'): across clusters the
// similarity is 0 anyway, and comparing every pair of borrowers is quadratic (15 s at
// 20,000 borrowers here, hours at 1,000,000).
CALL gds.nodeSimilarity.mutate($graphName, {
  relationshipTypes: ['USED'],
  useComponents: 'cluster',
  topK: $topK,
  similarityCutoff: $similarityCutoff,
  mutateRelationshipType: 'SIMILAR',
  mutateProperty: 'jaccard'
})
YIELD nodesCompared, relationshipsWritten, computeMillis
RETURN nodesCompared, relationshipsWritten, computeMillis
