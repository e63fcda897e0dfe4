MATCH (ch:ComplaintChannel)
RETURN ch.id AS id, ch.kind AS kind, ch.name AS name
ORDER BY id
