// The campaign templates no remaining ring uses, once a run has replaced its rings.
MATCH (c:CampaignTemplate)
WHERE NOT EXISTS { (c)<-[:USES_TOOL]-() }
DETACH DELETE c
