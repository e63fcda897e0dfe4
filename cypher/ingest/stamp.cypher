// Every write of ingested records leaves a stamp (created, never merged, so concurrent
// loads never wait on each other). Their count is the data's version: a cached ring page
// is stale once it changes. Each names the borrowers its records are about, so the next
// analysis can re-examine only their components.
CREATE (:IngestStamp {at: datetime(), kind: $kind, records: $records, borrowers: $borrowers})
