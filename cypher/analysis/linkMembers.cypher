// Members with the facts that tie them in (see src/neo4j/ringRecords.ts for the properties).
UNWIND $members AS m
MATCH (r:StagedRing {id: m.ringId, runId: $runId})
MATCH (b:Borrower {id: m.borrowerId})
CREATE (b)-[rel:MEMBER_OF]->(r)
SET rel = m.props
