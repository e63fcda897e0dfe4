import neo4j, { type Record as Neo4jRecord } from 'neo4j-driver';
import { emptyEvidence, type Evidence } from '../contract/evidence';
import type { PlanInputs } from '../detection/componentPlan';
import type { IdentifierIncidence } from '../detection/identifierLinks';
import { cypher } from './cypherFiles';
import { FETCH_SIZE, plainRecord, readEvidenceOf } from './evidenceReader';
import type { GraphDatabase } from './graphDatabase';
import { toNumber } from './values';

type Progress = (step: string) => void;

/**
 * What an analysis plan is computed from, read where the data is: the ties of shared
 * identifiers, each ad source's size, the platform's complaint facts, and the records the
 * recruitment campaigns are looked for in. Every identifier's degree is counted by the
 * server; only identifiers that tie two borrowers or more come back.
 *
 * Three reads run side by side, each in its own session: the phones' ties (the longest),
 * the devices' and voices', and the rest. The server runs each on a core of its own while
 * this process decodes what the others stream; the result is the same as read one by one.
 */
export async function readPlanInputs(db: GraphDatabase, maxSmallSourceRecruits: number, onProgress: Progress = () => {}): Promise<PlanInputs> {
  onProgress('shared identifiers and campaign records');
  const [phones, devicesAndVoices, rest] = await Promise.all([
    sharedTies(db, 'plan/sharedPhoneTies'),
    sharedTies(db, 'plan/sharedDeviceTies').then(async (devices) => devices.concat(await sharedTies(db, 'plan/sharedVoiceTies'))),
    campaignInputs(db, maxSmallSourceRecruits),
  ]);
  return { sharedIncidences: phones.concat(devicesAndVoices), ...rest };
}

/** Ad source sizes, complaint facts, and the small sources' recruits who complained, with their records. */
async function campaignInputs(db: GraphDatabase, maxSmallSourceRecruits: number): Promise<Omit<PlanInputs, 'sharedIncidences'>> {
  const adSourceRecruits = (await query(db, 'plan/adSourceRecruits')).map((r) => ({ id: r.id as string, recruits: toNumber(r.recruits) }));
  const facts = (await query(db, 'plan/complaintFacts'))[0]!;
  const recruitments: Evidence['recruitments'] = [];
  await stream(db, 'plan/smallSourceRecruitments', { maxRecruits: neo4j.int(maxSmallSourceRecruits) }, (r) => recruitments.push(plainRecord(r) as Evidence['recruitments'][number]));
  const recruited = [...new Set(recruitments.map((r) => r.borrowerId))];
  // Names mask the recruits' own names in the texts compared; nothing else about them is needed.
  const records = await readEvidenceOf(db, recruited, undefined, ['borrowers', 'complaints', 'complaintChannels']);
  return {
    adSourceRecruits,
    campaignEvidence: { ...emptyEvidence(), borrowers: records.borrowers, complaints: records.complaints, complaintChannels: records.complaintChannels, recruitments },
    facts: {
      borrowers: toNumber(facts.borrowers),
      complainers: toNumber(facts.complainers),
      firstAt: facts.firstAt ? Date.parse(facts.firstAt as string) : null,
      lastAt: facts.lastAt ? Date.parse(facts.lastAt as string) : null,
    },
  };
}

/** Every tie of each identifier of one kind that ties two borrowers or more. */
async function sharedTies(db: GraphDatabase, statement: string): Promise<IdentifierIncidence[]> {
  const out: IdentifierIncidence[] = [];
  await stream(db, statement, {}, (r) => {
    const kind = r.get('kind') as IdentifierIncidence['kind'];
    const value = r.get('value') as string;
    for (const [borrowerId, usage] of r.get('ties') as [string, IdentifierIncidence['usage']][]) out.push({ kind, value, borrowerId, usage });
  });
  return out;
}

/** Rows as the server streams them, so a large result is never held twice. */
async function stream(db: GraphDatabase, name: string, params: Record<string, unknown>, onRow: (record: Neo4jRecord) => void): Promise<void> {
  const session = db.driver.session({ database: db.settings.database, defaultAccessMode: neo4j.session.READ, fetchSize: FETCH_SIZE });
  try {
    for await (const record of session.run(cypher(name), params)) onRow(record);
  } finally {
    await session.close();
  }
}

async function query(db: GraphDatabase, name: string, params: Record<string, unknown> = {}): Promise<Record<string, unknown>[]> {
  const { records } = await db.driver.executeQuery(cypher(name), params, { database: db.settings.database, routing: neo4j.routing.READ });
  return records.map((r) => r.toObject() as Record<string, unknown>);
}
