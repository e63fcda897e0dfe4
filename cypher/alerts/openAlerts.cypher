// Alerts nobody has worked yet: a new event of the same kind on the same case updates one
// of these instead of opening a second.
MATCH (a:Alert {status: 'open'})
RETURN properties(a) AS alert
ORDER BY a.id
