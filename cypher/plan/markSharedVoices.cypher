// Labels Shared the voiceprints that spoke for two borrowers or more on calls, and takes
// the label off those that no longer do; as markSharedPhones.cypher, for every voiceprint
// ($borrowers null) or only those on the calls of the borrowers written since the last run.
CALL () {
  WITH 1 AS everyVoice WHERE $borrowers IS NULL
  MATCH (v:Voiceprint) WHERE COUNT { (v)--() } >= 2 OR v:Shared
  RETURN v
  UNION
  WITH 1 AS someBorrowers WHERE $borrowers IS NOT NULL
  UNWIND $borrowers AS id
  MATCH (b:Borrower {id: id})
  UNWIND [(b)<-[:ABOUT]-(:Call)-[:SPOKEN_BY]->(v) | v] AS v
  RETURN v
}
WITH v, [(b:Borrower)<-[:ABOUT]-(:Call)-[:SPOKEN_BY]->(v) | b] AS reached
WITH v, any(b IN reached WHERE b <> reached[0]) AS shared
WHERE shared <> v:Shared
FOREACH (_ IN CASE WHEN shared THEN [1] ELSE [] END | SET v:Shared)
FOREACH (_ IN CASE WHEN shared THEN [] ELSE [1] END | REMOVE v:Shared)
RETURN count(*) AS changed
