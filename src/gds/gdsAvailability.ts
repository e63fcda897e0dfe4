import { cypher } from '../neo4j/cypherFiles';
import type { GraphDatabase } from '../neo4j/graphDatabase';

export type GdsAvailability = { available: true; version: string } | { available: false; reason: string };

/** Whether this server has Graph Data Science: a server without it has no gds.version(). */
export async function gdsAvailability(db: GraphDatabase): Promise<GdsAvailability> {
  try {
    const { records } = await db.driver.executeQuery(cypher('gds/version'), {}, { database: db.settings.database });
    return { available: true, version: String(records[0]?.get('version')) };
  } catch (error) {
    const message = (error as Error).message;
    return {
      available: false,
      reason: /gds\.version|Unknown function/i.test(message)
        ? `Graph Data Science is not installed on ${db.settings.uri} (start it with RINGSIGHT_GDS=1; a server already running without it must be stopped first: npm run neo4j:stop -- gds)`
        : `${db.settings.uri} could not be asked for Graph Data Science: ${message}`,
    };
  }
}
