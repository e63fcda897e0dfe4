import type { ScheduleSource } from '../schedule/scheduledAnalysis';
import { cypher } from './cypherFiles';
import type { GraphDatabase } from './graphDatabase';
import { field } from './plainValues';

/** What the analysis schedule reads from Neo4j: the latest runs' starts and the ingest stamps since. */
export class Neo4jScheduleSource implements ScheduleSource {
  constructor(private readonly db: GraphDatabase) {}

  lastRunStartedAt(): Promise<string | null> {
    return this.db.read(async (tx) => {
      const record = (await tx.run(cypher('schedule/lastRunStart'))).records[0];
      return record ? field<string>(record, 'startedAt') : null;
    });
  }

  lastSucceededRunStartedAt(): Promise<string | null> {
    return this.db.read(async (tx) => {
      const record = (await tx.run(cypher('schedule/lastSucceededRunStart'))).records[0];
      return record ? field<string>(record, 'startedAt') : null;
    });
  }

  recordsSince(at: string | null): Promise<number> {
    return this.db.read(async (tx) => field<number>((await tx.run(cypher('schedule/recordsSince'), { since: at })).records[0]!, 'records'));
  }
}
