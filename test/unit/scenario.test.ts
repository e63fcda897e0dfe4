import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { IngestBatchSchema, RECORD_KINDS, RecordSchemas } from '../../src/contract/ingestBatch';
import { normalisePhone } from '../../src/contract/phone';
import { definedIds, referencesOf, unresolvedReferences } from '../../src/contract/references';
import { readEvidenceFiles } from '../../src/bulk/readEvidence';
import { generateScenario } from '../../src/scenario/generateScenario';
import { TruthSchema } from '../../src/scenario/truth';
import { writeScenario } from '../../src/scenario/writeScenario';

const SMALL = { borrowers: 3_000, seed: 7, chunkSize: 500 };
const { evidence, truth } = generateScenario(SMALL);

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'ringsight-scenario-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

/** File name → SHA-256 of its bytes: comparing digests is instant where deep-comparing buffers is not. */
async function filesOf(dir: string): Promise<Record<string, string>> {
  const names = (await readdir(dir)).sort();
  const digest = async (name: string) => createHash('sha256').update(await readFile(join(dir, name))).digest('hex');
  return Object.fromEntries(await Promise.all(names.map(async (name) => [name, await digest(name)] as const)));
}

describe('When a scenario is written twice', () => {
  test('then the same seed gives identical bytes, and another seed different ones', async () => {
    await writeScenario(SMALL, join(folder, 'a'));
    await writeScenario(SMALL, join(folder, 'b'));
    await writeScenario({ ...SMALL, seed: 8 }, join(folder, 'c'));
    const [a, b, c] = await Promise.all(['a', 'b', 'c'].map((name) => filesOf(join(folder, name))));
    expect(Object.keys(a!)).toEqual([...RECORD_KINDS.map((kind) => `${kind}.ndjson`), 'truth.json'].sort());
    expect(b).toEqual(a);
    expect(c!['borrowers.ndjson']).not.toBe(a!['borrowers.ndjson']);
    expect(c!['truth.json']).not.toBe(a!['truth.json']);
  });

  test('then the CSV files read back as the in-memory scenario', async () => {
    await writeScenario(SMALL, folder, 'csv');
    expect(await readEvidenceFiles(folder)).toEqual(evidence);
    expect(TruthSchema.parse(JSON.parse(await readFile(join(folder, 'truth.json'), 'utf8')))).toEqual(truth);
  });
});

describe('When a scenario is generated', () => {
  test('then every record is valid under the contract, unchanged by validation', () => {
    // One expect over the whole list: an expect per record makes this test crawl.
    const changed = RECORD_KINDS.flatMap((kind) =>
      (evidence[kind] as object[]).filter((record) => !isDeepStrictEqual(RecordSchemas[kind].parse(record), record)),
    );
    expect(changed).toEqual([]);
    expect(IngestBatchSchema.safeParse(evidence).success).toBe(true);
  });

  test('then every phone is a valid mainland mobile number in E.164', () => {
    const phones = new Set([...evidence.phoneLinks.map((l) => l.phone), ...evidence.calls.flatMap((c) => (c.phone ? [c.phone] : []))]);
    expect([...phones].filter((phone) => normalisePhone(phone) !== phone)).toEqual([]);
    expect([...phones].every((phone) => /^\+861[3-9]\d{9}$/.test(phone))).toBe(true);
  });

  test('then every reference resolves within the scenario and ids are unique', () => {
    const open = unresolvedReferences(referencesOf(evidence), definedIds(evidence));
    expect([...open.borrower, ...open.adSource, ...open.complaintChannel]).toEqual([]);
    for (const kind of ['borrowers', 'adSources', 'complaintChannels', 'complaints', 'calls'] as const) {
      const ids = evidence[kind].map((record) => record.id);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  test('then it has about one gang per 400 borrowers, each of at least 4 overdue members', () => {
    const overdue = new Map(evidence.borrowers.map((b) => [b.id, b.overdueDays ?? 0]));
    expect(truth.gangs.length).toBe(Math.round(SMALL.borrowers / 400));
    for (const gang of truth.gangs) {
      expect(gang.members.length).toBeGreaterThanOrEqual(4);
      for (const member of gang.members) expect(overdue.get(member)).toBeGreaterThan(0);
    }
    const members = truth.gangs.flatMap((g) => g.members);
    expect(new Set(members).size).toBe(members.length);
  });

  test('then each member carries a trace of its agent, and never-took-part recruits none', () => {
    const agentIds = (gang: (typeof truth.gangs)[number]) => new Set([...gang.agentPhones, ...gang.devices, ...gang.voiceprints]);
    const tracesOf = (borrowerId: string) => [
      ...evidence.deviceLinks.filter((l) => l.borrowerId === borrowerId).map((l) => l.deviceId),
      ...evidence.phoneLinks.filter((l) => l.borrowerId === borrowerId && l.role === 'contact').map((l) => l.phone),
      ...evidence.calls.filter((c) => c.borrowerId === borrowerId).map((c) => c.voiceprintId),
      ...evidence.complaints.filter((c) => c.borrowerId === borrowerId).flatMap((c) => [c.phone, c.deviceId]),
    ];
    const members = new Set(truth.gangs.flatMap((g) => g.members));
    for (const gang of truth.gangs) {
      const agent = agentIds(gang);
      for (const member of gang.members) expect(tracesOf(member).some((id) => id !== undefined && agent.has(id))).toBe(true);
      for (const recruit of gang.nonParticipants) {
        expect(members.has(recruit)).toBe(false);
        expect(tracesOf(recruit).some((id) => id !== undefined && agent.has(id))).toBe(false);
        const sources = evidence.recruitments.filter((r) => r.borrowerId === recruit).map((r) => r.adSourceId);
        expect(sources.some((source) => gang.adSources.includes(source))).toBe(true);
      }
    }
    expect(truth.gangs.some((g) => g.nonParticipants.length > 0)).toBe(true);
  });

  test('then agents call in a voice that is not the borrower\'s, honest callers mostly in their own', () => {
    const members = new Set(truth.gangs.flatMap((g) => g.members));
    const agentCalls = evidence.calls.filter((c) => members.has(c.borrowerId) && c.voiceMatch === false);
    expect(agentCalls.length).toBeGreaterThan(0);
    const honest = evidence.calls.filter((c) => !members.has(c.borrowerId));
    const mismatches = honest.filter((c) => c.voiceMatch === false).length / honest.length;
    expect(mismatches).toBeGreaterThan(0.005);
    expect(mismatches).toBeLessThan(0.05);
  });

  test('then the innocent look-alikes are there: households, hubs, switchboards, big ad sources, a complaint burst', () => {
    for (const household of truth.households) {
      expect(household.members.length).toBeGreaterThanOrEqual(2);
      expect(household.members.length).toBeLessThanOrEqual(5);
    }
    expect(truth.households.length).toBeGreaterThan(20);
    for (const hub of [...truth.hubDevices, ...truth.switchboards]) expect(hub.members.length).toBeGreaterThanOrEqual(12);
    const biggest = Math.max(...truth.marketingAdSources.map((id) => evidence.recruitments.filter((r) => r.adSourceId === id).length));
    expect(biggest).toBeGreaterThan(700);
    const burst = evidence.complaints.filter((c) => truth.complaintBurst.members.includes(c.borrowerId) && c.channelId === truth.complaintBurst.channelId);
    expect(burst.length).toBe(truth.complaintBurst.members.length);
    for (const complaint of burst) {
      expect(complaint.filedAt! >= truth.complaintBurst.incidentAt && complaint.filedAt! <= truth.complaintBurst.until).toBe(true);
    }
  });

  test('then the hard cases are planted at 20,000 borrowers', () => {
    const { truth: large } = generateScenario({ borrowers: 20_000, seed: 1 });
    const traits = Object.keys(large.gangs[0]!.traits) as (keyof (typeof large.gangs)[number]['traits'])[];
    for (const trait of traits) expect(large.gangs.some((g) => g.traits[trait])).toBe(true);
    const sizes = large.gangs.map((g) => g.members.length);
    expect(Math.max(...sizes)).toBeGreaterThanOrEqual(40);
    expect(large.gangs.filter((g) => g.traits.sharedAdSource).every((g) => large.gangs.some((o) => o !== g && o.adSources.some((a) => g.adSources.includes(a))))).toBe(true);
  });
});
