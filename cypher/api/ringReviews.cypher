// A ring's review history, newest first; reviews outlive the runs, so older ones are kept too.
MATCH (rv:Review {ringId: $id})
RETURN rv {.id, .ringId, .verdict, .note, .at, .by} AS review
ORDER BY rv.at DESC, rv.id DESC
