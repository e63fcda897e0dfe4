// A run replaces the rings of the previous one (inside the same transaction, so readers
// never see half a run), with the campaign templates only they used. Reviews are kept
// apart, keyed by ring id, and survive this.
MATCH (r:Ring)
DETACH DELETE r
WITH count(*) AS deleted
MATCH (c:CampaignTemplate)
DETACH DELETE c
