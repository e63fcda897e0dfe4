// Every write of ingested records leaves a stamp (created, never merged, so concurrent
// loads never wait on each other). Their count is the data's version: a cached ring page
// is stale once it changes.
CREATE (:IngestStamp {at: datetime(), kind: $kind, records: $records})
