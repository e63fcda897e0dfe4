MATCH (a:AdSource)
RETURN a.id AS id, a.kind AS kind, a.label AS label
ORDER BY id
