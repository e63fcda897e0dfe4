// npm run neo4j:start | neo4j:stop [-- test]: the project's own Neo4j, without Docker.
import { ensureLocalNeo4j, INSTANCES, stopLocalNeo4j } from '../src/neo4j/localServer';

async function main(): Promise<void> {
  const [command, which = 'local'] = process.argv.slice(2);
  const instance = INSTANCES[which as keyof typeof INSTANCES];
  if (!instance) throw new Error(`unknown instance "${which}" (${Object.keys(INSTANCES).join(', ')})`);
  if (command === 'start') {
    const server = await ensureLocalNeo4j(instance);
    console.log(`Neo4j is up.\n  Bolt:          ${server.uri}  (user ${server.user}, password ${server.password})\n  Neo4j Browser: ${server.browserUrl}`);
  } else if (command === 'stop') {
    await stopLocalNeo4j(instance);
  } else {
    throw new Error(`usage: neo4j.ts start|stop [${Object.keys(INSTANCES).join('|')}]`);
  }
}

main().catch((error: Error) => {
  console.error(`neo4j: ${error.message}`);
  process.exit(1);
});
