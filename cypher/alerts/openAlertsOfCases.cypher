// Open alerts of the given cases: a new event of the same kind on one of them updates its
// alert instead of opening a second.
MATCH (a:Alert {status: 'open'})
WHERE a.caseId IN $caseIds
RETURN properties(a) AS alert
ORDER BY a.id
