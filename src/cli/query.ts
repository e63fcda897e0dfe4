import { loadConfig } from '../config';
import { cypher, listCypherFiles } from '../neo4j/cypherFiles';
import { GraphDatabase, resolveNeo4jSettings } from '../neo4j/graphDatabase';
import { toPlain } from '../neo4j/plainValues';

/**
 * npm run query -- <name> [param=value ...]: runs one of the analyst queries in
 * cypher/queries/ from the terminal and prints a table (the same files Neo4j Browser users paste).
 */
async function main(): Promise<number> {
  const [name, ...pairs] = process.argv.slice(2);
  const available = listCypherFiles().filter((n) => n.startsWith('queries/')).map((n) => n.slice('queries/'.length));
  if (!name || !available.includes(name)) {
    console.error(`usage: npm run query -- <${available.join('|')}> [param=value ...]`);
    return 2;
  }
  const params = Object.fromEntries(pairs.map((p) => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)]));
  const db = new GraphDatabase(await resolveNeo4jSettings(loadConfig(), () => {}));
  try {
    const rows = await db.read(async (tx) => (await tx.run(cypher(`queries/${name}`), params)).records.map((r) => r.toObject()));
    console.table(rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, display(v)]))));
    return 0;
  } finally {
    await db.close();
  }
}

/** Plain values as they are; lists and maps as JSON, cut to fit a table cell. */
function display(value: unknown): unknown {
  const plain = toPlain(value);
  return plain !== null && typeof plain === 'object' ? JSON.stringify(plain).slice(0, 120) : plain;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`query: ${error.message}`);
    process.exit(1);
  },
);
