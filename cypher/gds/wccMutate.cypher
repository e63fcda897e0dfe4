// GDS peer, step 2: clusters of borrowers tied by shared identifiers (Weakly Connected
// Components, which ignores the direction of USED), kept on the projection as `cluster`.
CALL gds.wcc.mutate($graphName, {mutateProperty: 'cluster'})
YIELD componentCount, nodePropertiesWritten, computeMillis
RETURN componentCount, nodePropertiesWritten, computeMillis
