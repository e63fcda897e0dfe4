import type { GraphDatabase } from '../../../src/neo4j/graphDatabase';

/** The stamps ingest leaves per transaction: how many depends on how the records were split, not on what they say. */
const BOOKKEEPING = 'IngestStamp';

export interface GraphSnapshot {
  counts: Record<string, number>;
  nodes: string[];
  relationships: string[];
  schema: string[];
}

async function query(db: GraphDatabase, statement: string): Promise<Record<string, unknown>[]> {
  const { records } = await db.driver.executeQuery(statement, {}, { database: db.settings.database });
  return records.map((r) => r.toObject());
}

/**
 * The whole graph as sorted lines: counts per label and type, then every node and
 * relationship with typed properties, and the schema. Two ways of loading the same records
 * must give equal snapshots.
 */
export async function graphSnapshot(db: GraphDatabase): Promise<GraphSnapshot> {
  const counts: Record<string, number> = {};
  for (const { label } of await query(db, 'CALL db.labels() YIELD label RETURN label')) {
    if (label === BOOKKEEPING) continue;
    counts[`:${label}`] = Number((await query(db, `MATCH (n:\`${label}\`) RETURN count(n) AS n`))[0]!.n);
  }
  for (const { type } of await query(db, 'CALL db.relationshipTypes() YIELD relationshipType AS type RETURN type')) {
    counts[`[:${type}]`] = Number((await query(db, `MATCH ()-[r:\`${type}\`]->() RETURN count(r) AS n`))[0]!.n);
  }
  const props = (x: string) =>
    `[k IN keys(${x}) | k + '=' + valueType(${x}[k]) + ':' + CASE WHEN valueType(${x}[k]) STARTS WITH 'LIST' THEN reduce(s = '', e IN ${x}[k] | s + toString(e) + ';') ELSE toString(${x}[k]) END]`;
  const key = (x: string) => `labels(${x})[0] + ':' + coalesce(${x}.id, ${x}.number)`;
  const nodes = await query(db, `MATCH (n) WHERE NOT n:${BOOKKEEPING} RETURN ${key('n')} AS key, labels(n) AS labels, ${props('n')} AS props`);
  const relationships = await query(db, `MATCH (a)-[r]->(b) RETURN ${key('a')} + ' ' + type(r) + ' ' + ${key('b')} AS key, ${props('r')} AS props`);
  const schema = await query(db, "SHOW INDEXES YIELD name, type, labelsOrTypes, properties, owningConstraint, state WHERE type <> 'LOOKUP' RETURN name + ' ' + type + ' ' + reduce(s = '', x IN labelsOrTypes + properties | s + x + ';') + ' ' + coalesce(owningConstraint, '-') + ' ' + state AS line");
  const line = (r: Record<string, unknown>) => `${r.key as string} ${JSON.stringify(r.labels ?? '')} ${JSON.stringify([...(r.props as string[])].sort())}`;
  return { counts, nodes: nodes.map(line).sort(), relationships: relationships.map(line).sort(), schema: schema.map((r) => r.line as string).sort() };
}
