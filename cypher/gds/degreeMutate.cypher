// GDS peer, step 4: each borrower's fraud score as the example computes it, the sum of its
// Jaccard similarities (weighted degree over SIMILAR), kept on the projection as `fraudScore`.
CALL gds.degree.mutate($graphName, {
  nodeLabels: ['Borrower'],
  relationshipTypes: ['SIMILAR'],
  relationshipWeightProperty: 'jaccard',
  mutateProperty: 'fraudScore'
})
YIELD nodePropertiesWritten, computeMillis
RETURN nodePropertiesWritten, computeMillis
