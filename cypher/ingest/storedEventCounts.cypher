// How many complaints and calls the graph holds (from the count store, not a scan): with
// none stored, the bulk loader's validation has no stored event to check against.
RETURN COUNT { MATCH (:Complaint) } AS complaints, COUNT { MATCH (:Call) } AS calls
