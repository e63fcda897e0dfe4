import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { RECORD_KINDS, RecordSchemas } from '../../src/contract/ingestBatch';
import { normalisePhone } from '../../src/contract/phone';
import { emptyEvidence, type Evidence } from '../../src/contract/evidence';
import { definedIds, referencesOf, unresolvedReferences } from '../../src/contract/references';
import { forEachScenarioChunk, generateScenario } from '../../src/scenario/generateScenario';
import { parseScenarioParams } from '../../src/scenario/params';
import { profileParams } from '../../src/scenario/profiles';
import { TruthSchema } from '../../src/scenario/truth';
import { writeScenario } from '../../src/scenario/writeScenario';

/** The field profile at the size the evaluation runs, as files would hold it (raw) and as the ingest path stores it. */
const PARAMS = { ...profileParams('field', 20_000, 1), chunkSize: 1_000 };
const raw = emptyEvidence();
forEachScenarioChunk(PARAMS, (chunk) => {
  for (const kind of RECORD_KINDS) (raw[kind] as unknown[]).push(...chunk[kind]);
});
const { evidence, truth } = generateScenario(PARAMS);
const gaps = parseScenarioParams(PARAMS).gaps;

const share = (items: readonly unknown[], test: (item: never) => boolean) => items.filter(test as (item: unknown) => boolean).length / items.length;

describe('When the field profile is generated', () => {
  test('then every raw record passes the contract and references resolve', () => {
    const failures = RECORD_KINDS.flatMap((kind) =>
      (raw[kind] as object[]).filter((record) => !RecordSchemas[kind].safeParse(record).success).map((record) => ({ kind, record })),
    );
    expect(failures).toEqual([]);
    const open = unresolvedReferences(referencesOf(evidence), definedIds(evidence));
    expect([...open.borrower, ...open.adSource, ...open.complaintChannel]).toEqual([]);
    expect(() => TruthSchema.parse(truth)).not.toThrow();
  });

  test('then the in-memory evidence is the raw records as the contract parses them, phones in E.164', () => {
    const parsed = Object.fromEntries(RECORD_KINDS.map((kind) => [kind, (raw[kind] as object[]).map((r) => RecordSchemas[kind].parse(r))]));
    expect(isDeepStrictEqual(parsed, evidence)).toBe(true);
    const phones = [...evidence.phoneLinks.map((l) => l.phone), ...evidence.calls.flatMap((c) => (c.phone ? [c.phone] : []))];
    expect(phones.filter((phone) => !/^\+861\d{10}$/.test(phone))).toEqual([]);
  });

  test('then phones arrive in every form the sources write, virtual-operator ranges among them', () => {
    const rawPhones = [
      ...raw.phoneLinks.map((l) => l.phone),
      ...raw.calls.flatMap((c) => (c.phone ? [c.phone] : [])),
      ...raw.complaints.flatMap((c) => (c.phone ? [c.phone] : [])),
    ];
    const forms = {
      e164: /^\+861\d{10}$/,
      national: /^1\d{10}$/,
      spaced: /^1\d{2} \d{4} \d{4}$/,
      dashed: /^1\d{2}-\d{4}-\d{4}$/,
      internationalSpaced: /^\+86 1\d{2} \d{4} \d{4}$/,
      doubleZero: /^00861\d{10}$/,
      countryCodeNoPlus: /^861\d{10}$/,
    };
    for (const [form, pattern] of Object.entries(forms)) expect([form, rawPhones.some((p) => pattern.test(p))]).toEqual([form, true]);
    expect(rawPhones.filter((p) => normalisePhone(p) === null)).toEqual([]);
    const mvno = new Set(evidence.phoneLinks.map((l) => l.phone).filter((p) => /^\+86(170|171|162|165|167)/.test(p)));
    expect(mvno.size).toBeGreaterThan(200);
  });

  test('then one number written differently in different records normalises to one E.164', () => {
    const formsOf = new Map<string, Set<string>>();
    const note = (written: string | undefined) => {
      if (written === undefined) return;
      const e164 = normalisePhone(written)!;
      formsOf.set(e164, (formsOf.get(e164) ?? new Set()).add(written));
    };
    raw.phoneLinks.forEach((l) => note(l.phone));
    raw.calls.forEach((c) => note(c.phone));
    raw.complaints.forEach((c) => note(c.phone));
    const multiForm = [...formsOf.values()].filter((written) => written.size >= 3);
    expect(multiForm.length).toBeGreaterThan(100);
  });

  test('then evidence is partial at about the rates set', () => {
    const calls = evidence.calls;
    const withoutPrint = calls.filter((c) => c.voiceprintId === undefined);
    // Helpers' and agents' calls are rewritten before the gaps are drawn, so the rates hold for every call alike.
    expect(withoutPrint.length / calls.length).toBeCloseTo(gaps.callVoiceprintMissing, 1);
    expect(share(withoutPrint, (c: (typeof calls)[number]) => c.voiceMatch !== undefined)).toBeCloseTo(gaps.voiceMatchKeptWithoutVoiceprint, 1);
    expect(share(calls, (c: (typeof calls)[number]) => c.identityVerified === undefined)).toBeCloseTo(gaps.identityCheckMissing, 1);
    expect(share(evidence.borrowers, (b: Evidence['borrowers'][number]) => b.name === undefined)).toBeCloseTo(gaps.nameMissing, 1);
    expect(share(evidence.borrowers, (b: Evidence['borrowers'][number]) => b.outstandingPrincipal === undefined)).toBeCloseTo(gaps.principalMissing, 1);
    const recruited = new Set(evidence.recruitments.map((r) => r.borrowerId));
    expect(1 - recruited.size / evidence.borrowers.length).toBeCloseTo(gaps.recruitmentMissing, 1);
    const external = evidence.complaints.filter((c) => !c.channelId.startsWith('ch-app'));
    expect(share(external, (c: (typeof external)[number]) => c.deviceId === undefined)).toBeCloseTo(gaps.complaintDeviceMissingExternal, 1);
    expect(share(evidence.complaints, (c: (typeof external)[number]) => c.text === undefined)).toBeCloseTo(gaps.complaintTextMissing, 1);
    expect(evidence.deviceLinks.some((l) => l.seenAt === undefined)).toBe(true);
    expect(evidence.calls.some((c) => c.at === undefined)).toBe(true);
    expect(evidence.complaints.some((c) => c.filedAt === undefined && c.phone === undefined)).toBe(true);
  });

  test('then complaint texts are Chinese and carry particulars written several ways', () => {
    const texts = evidence.complaints.flatMap((c) => (c.text ? [c.text] : []));
    expect(texts.every((t) => /[\u4e00-\u9fff]/.test(t))).toBe(true);
    expect(texts.some((t) => /2024年\d{1,2}月\d{1,2}日/.test(t))).toBe(true);
    expect(texts.some((t) => /(^|[^年\d])\d{1,2}月\d{1,2}日/.test(t))).toBe(true);
    expect(texts.some((t) => /2024-\d{2}-\d{2}/.test(t))).toBe(true);
    expect(texts.some((t) => /HT2024\d{10}/.test(t))).toBe(true);
    expect(texts.some((t) => /1\d{2}[ -]?\d{4}[ -]?\d{4}/.test(t))).toBe(true);
    expect(texts.some((t) => /万元/.test(t))).toBe(true);
  });
});

describe('When the field profile is written twice with the same seed', () => {
  let folder: string;
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'ringsight-field-'));
  });
  afterEach(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  test('then the files, truth included, are byte-identical, and another seed differs', async () => {
    const small = { ...profileParams('field', 4_000, 9), chunkSize: 700 };
    await writeScenario(small, join(folder, 'a'));
    await writeScenario(small, join(folder, 'b'));
    await writeScenario({ ...small, seed: 10 }, join(folder, 'c'));
    const digests = async (dir: string) => {
      const names = (await readdir(dir)).sort();
      return Object.fromEntries(await Promise.all(names.map(async (n) => [n, createHash('sha256').update(await readFile(join(dir, n))).digest('hex')] as const)));
    };
    const [a, b, c] = await Promise.all(['a', 'b', 'c'].map((n) => digests(join(folder, n))));
    expect(b).toEqual(a);
    expect(Object.keys(a!)).toContain('truth.json');
    expect(c!['complaints.ndjson']).not.toBe(a!['complaints.ndjson']);
  });
});
