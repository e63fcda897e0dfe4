// The identifiers the latest analysis cut or down-weighted as hubs, and why: public devices,
// switchboards and mass marketing channels that would otherwise glue strangers together.
MATCH (run:AnalysisRun)
WITH run ORDER BY run.finishedAt DESC LIMIT 1
MATCH (run)-[h:TREATED_AS_HUB]->(x)
RETURN run.id AS run, labels(x)[0] AS kind, coalesce(x.id, x.number) AS identifier, h.action AS action,
       h.degree AS borrowers, h.reason AS reason
ORDER BY borrowers DESC, identifier
LIMIT 100
