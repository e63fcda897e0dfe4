// One ring with the run that found it and the money figures summed over all its members.
MATCH (r:Ring {id: $id})
OPTIONAL MATCH (r)-[:FOUND_IN]->(run:AnalysisRun)
CALL {
  WITH r
  MATCH (b:Borrower)-[:MEMBER_OF]->(r)
  RETURN count(b) AS membersTotal, sum(coalesce(b.outstandingPrincipal, 0)) AS outstandingTotal, count(b.outstandingPrincipal) AS outstandingCount
}
RETURN r {.id, .score, .suspected, .size, .operated, .signalsJson, .lineageJson} AS ring,
       run {.id, .startedAt, .finishedAt, .parametersJson, .communities, .suspected} AS run,
       membersTotal, outstandingTotal, outstandingCount
