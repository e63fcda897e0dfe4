// One alert.
MATCH (a:Alert {id: $id})
RETURN properties(a) AS alert
