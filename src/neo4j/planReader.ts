import { createHash } from 'node:crypto';
import neo4j, { type Record as Neo4jRecord } from 'neo4j-driver';
import { emptyEvidence, type Evidence } from '../contract/evidence';
import type { PlanInputs } from '../detection/componentPlan';
import type { IdentifierIncidence } from '../detection/identifierLinks';
import { byKey, recruitmentKey, sourcesCrossingBound, type PlanInputChanges } from '../detection/planInputChanges';
import { adSourceSizes, resizedSmallSources } from '../detection/planChanges';
import { cypher } from './cypherFiles';
import { FETCH_SIZE, plainRecord, readEvidenceOf } from './evidenceReader';
import type { GraphDatabase } from './graphDatabase';
import { toNumber } from './values';

type Progress = (step: string) => void;

/**
 * Per kind of identifier: the statement that brings its Shared labels up to date, the one
 * that reads the ties of those labelled, and the one that reads the ties of the given
 * borrowers' identifiers and brings their labels up to date as it goes.
 */
const SHARED = {
  phone: { mark: 'plan/markSharedPhones', ties: 'plan/sharedPhoneTies', touched: 'plan/touchedPhoneTies' },
  device: { mark: 'plan/markSharedDevices', ties: 'plan/sharedDeviceTies', touched: 'plan/touchedDeviceTies' },
  voice: { mark: 'plan/markSharedVoices', ties: 'plan/sharedVoiceTies', touched: 'plan/touchedVoiceTies' },
} as const;

/**
 * Which rules the Shared labels in the graph follow: a digest of the statements that set
 * them. A run records it; the next run relabels only the identifiers of the borrowers
 * written since when the last run's labels followed the same rules, and every identifier
 * otherwise. Keyed to the code version instead, every deployment cost a run a recount
 * (about 6 s at 1,000,000 borrowers, 20 s at 5,000,000) that changed no label.
 */
export const SHARED_LABELLING = createHash('sha256')
  .update(Object.values(SHARED).map((kind) => `${cypher(kind.mark)}\u0000${cypher(kind.touched)}`).join('\u0000'))
  .digest('hex')
  .slice(0, 16);

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
 * the labels were brought up to date, under the same rules (SHARED_LABELLING), by a run
 * that claimed every write before them.
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
  const borrowers = touched && touched.length <= MAX_TOUCHED_RELABELLED ? touched : null;
  onProgress('shared identifiers and campaign records');
  const ties = async (kind: keyof typeof SHARED) => {
    await db.write((tx) => tx.run(cypher(SHARED[kind].mark), { borrowers }));
    return (await readTies(db, SHARED[kind].ties)).incidences;
  };
  const [phones, devicesAndVoices, rest] = await Promise.all([
    ties('phone'),
    ties('device').then(async (devices) => devices.concat(await ties('voice'))),
    campaignInputs(db, maxSmallSourceRecruits),
  ]);
  return { sharedIncidences: phones.concat(devicesAndVoices), ...rest };
}

/**
 * What changed since the run whose ad source sizes were `lastSizes`, which claimed every
 * write before those about the borrowers `touched`: their identifiers labelled as for a
 * whole read and their ties read again, the ad source sizes and complaint facts whole, and
 * the campaign records of the borrowers that may have changed (those written since, and
 * the recruits of sources that crossed the small-source bound). At 1,000,000 borrowers a
 * day's slice touches about 1 % of them, where a whole read visits every shared identifier
 * and small source.
 */
export async function readPlanInputChanges(db: GraphDatabase, maxSmallSourceRecruits: number, touched: readonly string[], lastSizes: PlanInputs['adSourceRecruits']): Promise<PlanInputChanges> {
  // One write per kind reads the ties and relabels: the labelling pass walked the same identifiers again.
  const ties = (kind: keyof typeof SHARED) => db.write(async (tx) => tiesOf((await tx.run(cypher(SHARED[kind].touched), { borrowers: touched })).records));
  const campaign = async () => {
    const sizes = await sourceSizesAndFacts(db);
    const crossing = sourcesCrossingBound(lastSizes, sizes.adSourceRecruits, maxSmallSourceRecruits);
    const resizedSources = resizedSmallSources(adSourceSizes(lastSizes), adSourceSizes(sizes.adSourceRecruits), maxSmallSourceRecruits);
    const resized = recruitsOf(db, resizedSources).then((recruits) => ({ sources: resizedSources, recruits }));
    // Awaited below, after the campaign records; until then a failure must not count as unhandled.
    resized.catch(() => {});
    const borrowers = [...new Set([...touched, ...(await recruitsOf(db, crossing))])];
    const records = await campaignRecordsOf(db, 'plan/campaignRecordsOf', { ids: borrowers, maxRecruits: neo4j.int(maxSmallSourceRecruits) });
    return { sizes, borrowers, records, resized: await resized };
  };
  const [phones, devices, voices, channels, { sizes, borrowers, records, resized }] = await Promise.all([
    ties('phone'),
    ties('device'),
    ties('voice'),
    readEvidenceOf(db, [], undefined, ['complaintChannels']),
    campaign(),
  ]);
  return {
    identifiers: new Map([
      ['phone', new Set(phones.values)],
      ['device', new Set(devices.values)],
      ['voice', new Set(voices.values)],
    ]),
    incidences: phones.incidences.concat(devices.incidences, voices.incidences),
    ...sizes,
    complaintChannels: channels.complaintChannels,
    campaignBorrowers: new Set(borrowers),
    campaign: records,
    resized,
  };
}

/** The borrowers these ad sources recruited (a short read, retried as the store's reads are). */
export async function recruitsOf(db: GraphDatabase, adSourceIds: readonly string[]): Promise<string[]> {
  if (adSourceIds.length === 0) return [];
  return db.read(async (tx) => (await tx.run(cypher('analysis/recruitsOf'), { ids: adSourceIds })).records.map((r) => r.get('id') as string));
}

/**
 * Ad source sizes and complaint facts, beside the small sources' recruits who complained
 * with their records: reads side by side, each on its own session.
 */
async function campaignInputs(db: GraphDatabase, maxSmallSourceRecruits: number): Promise<Omit<PlanInputs, 'sharedIncidences'>> {
  const [sizes, campaignEvidence] = await Promise.all([sourceSizesAndFacts(db), campaignRecords(db, maxSmallSourceRecruits)]);
  return { ...sizes, campaignEvidence };
}

async function sourceSizesAndFacts(db: GraphDatabase): Promise<Pick<PlanInputs, 'adSourceRecruits' | 'facts'>> {
  const [sizes, [facts]] = await Promise.all([query(db, 'plan/adSourceRecruits'), query(db, 'plan/complaintFacts')]);
  if (!facts) throw new Error('plan/complaintFacts returned no row');
  return {
    adSourceRecruits: sizes.map((r) => ({ id: r.id as string, recruits: toNumber(r.recruits) })),
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
  const channels = readEvidenceOf(db, [], undefined, ['complaintChannels']);
  const records = await campaignRecordsOf(db, 'plan/campaignRecords', { maxRecruits: neo4j.int(maxSmallSourceRecruits) });
  return { ...emptyEvidence(), ...records, complaintChannels: (await channels).complaintChannels };
}

/** Rows of recruits with their recruitments and complaints (campaignRecords.cypher), as evidence in the evidence reader's order. */
async function campaignRecordsOf(db: GraphDatabase, statement: string, params: Record<string, unknown>): Promise<Pick<Evidence, 'borrowers' | 'recruitments' | 'complaints'>> {
  const evidence: Pick<Evidence, 'borrowers' | 'recruitments' | 'complaints'> = { borrowers: [], recruitments: [], complaints: [] };
  const once = interner();
  const maybeOnce = (text: string | null | undefined) => (text == null ? text : once(text));
  await stream(db, statement, params, (r) => {
    const { recruitments, complaints, ...borrower } = plainRecord(r) as Evidence['borrowers'][number] & { recruitments: [string, string | null][]; complaints: (string | null)[][] };
    evidence.borrowers.push(borrower);
    for (const [adSourceId, at] of recruitments) evidence.recruitments.push(withoutNulls({ borrowerId: borrower.id, adSourceId: once(adSourceId), at }) as Evidence['recruitments'][number]);
    for (const [id, channelId, filedAt, phone, deviceId, claim, text] of complaints) {
      evidence.complaints.push(withoutNulls({ id, borrowerId: borrower.id, channelId: maybeOnce(channelId), filedAt, phone, deviceId, claim: maybeOnce(claim), text }) as Evidence['complaints'][number]);
    }
  });
  evidence.borrowers.sort(byKey((b) => b.id));
  evidence.recruitments.sort(byKey(recruitmentKey));
  evidence.complaints.sort(byKey((c) => c.id));
  return evidence;
}

/** Absent values are left out, as the evidence reader leaves them out (plainRecord); copied rather than deleted, which would slow every later read of the object. */
function withoutNulls<T extends Record<string, unknown>>(row: T): T {
  const out: Record<string, unknown> = {};
  for (const key in row) if (row[key] !== null && row[key] !== undefined) out[key] = row[key];
  return out as T;
}

/**
 * One string for equal strings. What the plan's reads return may be kept from run to run
 * (1.3 million ties at 5,000,000 borrowers), and the driver decodes every string afresh:
 * a usage name, a borrower id, a source, channel or claim is one string per read instead.
 */
function interner(): <T extends string>(text: T) => T {
  const seen = new Map<string, string>();
  return <T extends string>(text: T): T => {
    const known = seen.get(text);
    if (known !== undefined) return known as T;
    seen.set(text, text);
    return text;
  };
}

/** Ties as a shared*Ties statement (of one kind of identifier) streams them. */
async function readTies(db: GraphDatabase, statement: string, params: Record<string, unknown> = {}): Promise<{ values: string[]; incidences: IdentifierIncidence[] }> {
  const ties = tieCollector();
  await stream(db, statement, params, ties.add);
  return ties;
}

/** Ties from rows a touched*Ties statement returned whole (a write's). */
function tiesOf(records: readonly Neo4jRecord[]): { values: string[]; incidences: IdentifierIncidence[] } {
  const ties = tieCollector();
  for (const r of records) ties.add(r);
  return ties;
}

/**
 * Each row's identifier value, and its ties: none for an identifier of the given borrowers
 * that ties fewer than two (touched*Ties.cypher).
 */
function tieCollector() {
  const values: string[] = [];
  const incidences: IdentifierIncidence[] = [];
  const once = interner();
  const add = (r: Neo4jRecord) => {
    const kind = r.get('kind') as IdentifierIncidence['kind'];
    const value = r.get('value') as string;
    values.push(value);
    for (const [borrowerId, usage] of r.get('ties') as [string, IdentifierIncidence['usage']][]) incidences.push({ kind, value, borrowerId: once(borrowerId), usage: once(usage) });
  };
  return { values, incidences, add };
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
