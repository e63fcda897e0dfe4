// The agent's tools: whichever phone, device, voiceprint or ad source each row names, or the
// recruitment campaign (a complaint text filed by one ad source's recruits), kept as its own node.
UNWIND $tools AS t
MATCH (r:StagedRing {id: t.ringId, runId: $runId})
CALL {
  WITH t
  MATCH (p:Phone {number: t.id}) WHERE t.kind = 'phone' RETURN p AS tool
  UNION
  WITH t
  MATCH (d:Device {id: t.id}) WHERE t.kind = 'device' RETURN d AS tool
  UNION
  WITH t
  MATCH (v:Voiceprint {id: t.id}) WHERE t.kind = 'voice' RETURN v AS tool
  UNION
  WITH t
  MATCH (a:AdSource {id: t.id}) WHERE t.kind = 'adSource' RETURN a AS tool
  UNION
  WITH t
  WITH t WHERE t.kind = 'template'
  MERGE (c:CampaignTemplate {id: t.id})
  RETURN c AS tool
}
CREATE (r)-[rel:USES_TOOL]->(tool)
SET rel = t.props
