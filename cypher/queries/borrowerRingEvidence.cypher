// A borrower's rings, its role in each and why: the identifiers it shares with other members
// (kind, id, how it used them, with how many members), its failed checks, and the ring's tools
// it shares. In Neo4j Browser: :param borrowerId => 'b0000001'
MATCH (b:Borrower {id: $borrowerId})
OPTIONAL MATCH (b)-[m:MEMBER_OF]->(r:Ring)
OPTIONAL MATCH (r)-[t:USES_TOOL]->(tool)
WHERE (b)-[:HAS_PHONE|USED_DEVICE|RECRUITED_VIA]->(tool)
   OR (b)-[:FILED]->(:Complaint)-[:FROM_PHONE|FROM_DEVICE]->(tool)
   OR (b)<-[:ABOUT]-(:Call)-[:FROM_PHONE|SPOKEN_BY]->(tool)
RETURN b.id AS borrower, r.id AS ring, r.kind AS kind, round(r.score, 3) AS score, m.role AS role,
       [i IN range(0, size(coalesce(m.tieIds, [])) - 1) | {kind: m.tieKinds[i], id: m.tieIds[i], usages: m.tieUsages[i], sharedWith: m.tieSharedWith[i]}] AS ties,
       m.voiceMismatched AS voiceMismatched, m.voiceChecked AS voiceChecked, m.identityFailed AS identityFailed, m.identityChecked AS identityChecked,
       collect(DISTINCT {kind: t.kind, id: coalesce(tool.id, tool.number), ringMembers: t.members}) AS sharedTools
