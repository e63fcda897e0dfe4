// Identifiers the run cut or down-weighted as hubs, with how they were used and the limit crossed.
UNWIND $hubs AS h
MATCH (run:AnalysisRun {id: $runId})
CALL {
  WITH h
  MATCH (p:Phone {number: h.id}) WHERE h.kind = 'phone' RETURN p AS hub
  UNION
  WITH h
  MATCH (d:Device {id: h.id}) WHERE h.kind = 'device' RETURN d AS hub
  UNION
  WITH h
  MATCH (v:Voiceprint {id: h.id}) WHERE h.kind = 'voice' RETURN v AS hub
  UNION
  WITH h
  MATCH (a:AdSource {id: h.id}) WHERE h.kind = 'adSource' RETURN a AS hub
}
CREATE (run)-[rel:TREATED_AS_HUB]->(hub)
SET rel = h.props
