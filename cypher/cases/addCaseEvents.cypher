// History entries, each recorded once under its id (a retried transaction adds nothing);
// seq keeps the order they were written in within one instant.
UNWIND $events AS row
MATCH (c:Case {id: row.caseId})
MERGE (e:CaseEvent {id: row.props.id})
ON CREATE SET e = row.props, e.at = datetime(row.props.at), e.caseId = row.caseId, e.seq = row.seq
MERGE (c)-[:RECORDED]->(e)
RETURN count(e) AS recorded
