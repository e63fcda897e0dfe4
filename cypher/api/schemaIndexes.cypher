// The indexes in place and whether they are online; readiness compares them with schema.cypher.
SHOW INDEXES YIELD name, state
RETURN name, state
