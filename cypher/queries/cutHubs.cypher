// The identifiers the latest successful analysis cut or down-weighted as hubs, and why: how they
// were used (held only, acted through, an ad source) and the degree limit they crossed.
MATCH (run:AnalysisRun)
WHERE run.status = 'succeeded'
WITH run ORDER BY run.finishedAt DESC LIMIT 1
MATCH (run)-[h:TREATED_AS_HUB]->(x)
RETURN run.id AS run, labels(x)[0] AS kind, coalesce(x.id, x.number) AS identifier, h.action AS action,
       h.degree AS borrowers, h.usage AS usage, h.limit AS limit, h.specificity AS specificity
ORDER BY borrowers DESC, identifier
LIMIT 100
