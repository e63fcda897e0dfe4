// Every recruit of the given ad sources.
UNWIND $ids AS wanted
MATCH (:AdSource {id: wanted})<-[:RECRUITED_VIA]-(b:Borrower)
RETURN DISTINCT b.id AS id
