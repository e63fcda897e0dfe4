import { cypher, statementsOf } from './cypherFiles';
import type { GraphDatabase } from './graphDatabase';

/** Constraint and index names declared in schema.cypher; each constraint is backed by an index of the same name. */
export const declaredSchemaNames = (): string[] =>
  statementsOf(cypher('schema')).flatMap((s) => {
    const match = /^CREATE\s+(?:CONSTRAINT|(?:TEXT\s+|RANGE\s+|POINT\s+)?INDEX)\s+(\w+)/i.exec(s);
    return match ? [match[1]!] : [];
  });

/** Names from schema.cypher that are missing or not yet online: empty when the database is ready. */
export async function missingSchema(db: GraphDatabase): Promise<string[]> {
  const { records } = await db.driver.executeQuery(cypher('api/schemaIndexes'), {}, { database: db.settings.database });
  const online = new Set(records.filter((r) => r.get('state') === 'ONLINE').map((r) => r.get('name') as string));
  return declaredSchemaNames().filter((name) => !online.has(name));
}
