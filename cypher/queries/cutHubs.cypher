// The identifiers set aside as hubs, and why: how they were used (held only, acted through, an
// ad source) and the degree limit they crossed. Each as the most recent run that judged it
// left it, among the runs that keep their hub links (those whose rings stand, and the latest):
// an incremental run judges only the components it re-examined.
MATCH (run:AnalysisRun {status: 'succeeded'})-[h:TREATED_AS_HUB]->(x)
WITH x, run, h ORDER BY run.finishedAt DESC
WITH x, head(collect({run: run.id, h: h})) AS last
RETURN last.run AS run, labels(x)[0] AS kind, coalesce(x.id, x.number) AS identifier, last.h.action AS action,
       last.h.degree AS borrowers, last.h.usage AS usage, last.h.limit AS limit, last.h.specificity AS specificity
ORDER BY borrowers DESC, identifier
LIMIT 100
