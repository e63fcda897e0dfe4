import neo4j, { type Record as Neo4jRecord } from 'neo4j-driver';
import { emptyEvidence, type Evidence } from '../contract/evidence';
import type { PlanInputs } from '../detection/componentPlan';
import type { IdentifierIncidence } from '../detection/identifierLinks';
import { cypher } from './cypherFiles';
import { FETCH_SIZE, plainRecord, readEvidenceOf } from './evidenceReader';
import type { GraphDatabase } from './graphDatabase';
import { toNumber } from './values';
import { compareIds } from '../detection/borrowerIndex';

type Progress = (step: string) => void;

/** Per kind of identifier: the statement that brings its Shared labels up to date, and the one that reads the ties of those labelled. */
const SHARED = {
  phone: { mark: 'plan/markSharedPhones', ties: 'plan/sharedPhoneTies' },
  device: { mark: 'plan/markSharedDevices', ties: 'plan/sharedDeviceTies' },
  voice: { mark: 'plan/markSharedVoices', ties: 'plan/sharedVoiceTies' },
} as const;

/**
 * Past this many borrowers written since the last run, every identifier is looked at
 * again: at 1,000,000 borrowers, relabelling the identifiers of 10,000 took about 0.6 s
 * and a recount of all about 3 s, so a recount is the cheaper from about here on.
 */
const MAX_TOUCHED_RELABELLED = 50_000;

/**
 * What an analysis plan is computed from, read where the data is: the ties of shared
 * identifiers, each ad source's size, the platform's complaint facts, and the records the
 * recruitment campaigns are looked for in. Only identifiers that tie two borrowers or
 * more come back; the server finds them, and labels them Shared as it goes, so that a
 * later run need only look again at the identifiers of the borrowers written since:
 * `touched` names those borrowers, or is null to look at every identifier again (a full
 * run's recount, as the first run on a graph needs). A caller passes `touched` only when
 * the labels were brought up to date by a run that claimed every write before them.
 *
 * Four reads run side by side, each in its own session: the phones' ties, the devices' and
 * voices', the small sources' recruits with their records, and the sources' sizes with the
 * complaint facts. The server runs them on cores of their own while this process decodes
 * what the others stream; the result is the same as read one by one.
 */
export async function readPlanInputs(
  db: GraphDatabase,
  maxSmallSourceRecruits: number,
  onProgress: Progress = () => {},
  touched: readonly string[] | null = null,
): Promise<PlanInputs> {
  onProgress('shared identifiers and campaign records');
  const borrowers = touched && touched.length <= MAX_TOUCHED_RELABELLED ? touched : null;
  const ties = async (kind: keyof typeof SHARED) => {
    await db.write((tx) => tx.run(cypher(SHARED[kind].mark), { borrowers }));
    return sharedTies(db, SHARED[kind].ties);
  };
  const [phones, devicesAndVoices, rest] = await Promise.all([
    ties('phone'),
    ties('device').then(async (devices) => devices.concat(await ties('voice'))),
    campaignInputs(db, maxSmallSourceRecruits),
  ]);
  return { sharedIncidences: phones.concat(devicesAndVoices), ...rest };
}

/**
 * Ad source sizes and complaint facts, beside the small sources' recruits who complained
 * with their records: two reads side by side, the second (the longer) on its own session.
 */
async function campaignInputs(db: GraphDatabase, maxSmallSourceRecruits: number): Promise<Omit<PlanInputs, 'sharedIncidences'>> {
  const [sizes, campaignEvidence] = await Promise.all([sourceSizesAndFacts(db), campaignRecords(db, maxSmallSourceRecruits)]);
  return { ...sizes, campaignEvidence };
}

async function sourceSizesAndFacts(db: GraphDatabase): Promise<Pick<PlanInputs, 'adSourceRecruits' | 'facts'>> {
  const adSourceRecruits = (await query(db, 'plan/adSourceRecruits')).map((r) => ({ id: r.id as string, recruits: toNumber(r.recruits) }));
  const facts = (await query(db, 'plan/complaintFacts'))[0]!;
  return {
    adSourceRecruits,
    facts: {
      borrowers: toNumber(facts.borrowers),
      complainers: toNumber(facts.complainers),
      firstAt: facts.firstAt ? Date.parse(facts.firstAt as string) : null,
      lastAt: facts.lastAt ? Date.parse(facts.lastAt as string) : null,
    },
  };
}

/**
 * The small sources' recruits who complained: their recruitments, complaints and borrower
 * records, and every complaint channel, each in the order the evidence reader gives them
 * (by id; recruitments by recruit, then source), so the campaigns found do not depend on
 * how the server happened to stream them.
 */
async function campaignRecords(db: GraphDatabase, maxSmallSourceRecruits: number): Promise<Evidence> {
  const evidence = emptyEvidence();
  const channels = readEvidenceOf(db, [], undefined, ['complaintChannels']);
  await stream(db, 'plan/campaignRecords', { maxRecruits: neo4j.int(maxSmallSourceRecruits) }, (r) => {
    const { recruitments, complaints, ...borrower } = plainRecord(r) as Evidence['borrowers'][number] & { recruitments: [string, string | null][]; complaints: (string | null)[][] };
    evidence.borrowers.push(borrower);
    for (const [adSourceId, at] of recruitments) evidence.recruitments.push(withoutNulls({ borrowerId: borrower.id, adSourceId, at }) as Evidence['recruitments'][number]);
    for (const [id, channelId, filedAt, phone, deviceId, claim, text] of complaints) {
      evidence.complaints.push(withoutNulls({ id, borrowerId: borrower.id, channelId, filedAt, phone, deviceId, claim, text }) as Evidence['complaints'][number]);
    }
  });
  evidence.borrowers.sort(byKey((b) => b.id));
  evidence.recruitments.sort(byKey((r) => `${r.borrowerId}\u0000${r.adSourceId}`));
  evidence.complaints.sort(byKey((c) => c.id));
  return { ...evidence, complaintChannels: (await channels).complaintChannels };
}

const byKey =
  <T,>(key: (row: T) => string) =>
  (a: T, b: T) =>
    compareIds(key(a), key(b));

/** Absent values are left out, as the evidence reader leaves them out (plainRecord); copied rather than deleted, which would slow every later read of the object. */
function withoutNulls<T extends Record<string, unknown>>(row: T): T {
  const out: Record<string, unknown> = {};
  for (const key in row) if (row[key] !== null && row[key] !== undefined) out[key] = row[key];
  return out as T;
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
