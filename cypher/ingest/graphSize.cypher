// Whether the database holds anything at all: the offline import replaces the whole store,
// so it only runs into an empty one.
MATCH (n)
RETURN count(n) AS nodes
