// The agent's kit: every phone, device, voice and ad source the ring shares, by rank.
MATCH (r:Ring {id: $id})-[t:USES_TOOL]->(tool)
RETURN t.kind AS kind, coalesce(tool.number, tool.id) AS id, t.rank AS rank, t.members AS members, t.usages AS usages
ORDER BY t.rank
