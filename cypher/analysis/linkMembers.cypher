// Members with the facts that tie them in (see src/neo4j/ringRecords.ts for the properties).
UNWIND $members AS m
MATCH (r:Ring {id: m.ringId})
MATCH (b:Borrower {id: m.borrowerId})
CREATE (b)-[rel:MEMBER_OF]->(r)
SET rel = m.props
