import { generateScenario } from '../../src/scenario/generateScenario';
import { profileParams } from '../../src/scenario/profiles';
import { GangStyleSchema, InnocentKindSchema, type GangTruth, type InnocentGroup, type InnocentKind } from '../../src/scenario/truth';

/**
 * The field profile's innocent look-alikes and gang styles, each checked for the property
 * that defines it in the records. One 20,000-borrower scenario, the size the evaluation runs.
 */
const { evidence, truth } = generateScenario(profileParams('field', 20_000, 2));

const byBorrower = <T extends { borrowerId: string }>(records: T[]) => {
  const map = new Map<string, T[]>();
  for (const record of records) map.set(record.borrowerId, [...(map.get(record.borrowerId) ?? []), record]);
  return (id: string) => map.get(id) ?? [];
};
const callsOf = byBorrower(evidence.calls);
const complaintsOf = byBorrower(evidence.complaints);
const phoneLinksOf = byBorrower(evidence.phoneLinks);
const deviceLinksOf = byBorrower(evidence.deviceLinks);
const recruitmentsOf = byBorrower(evidence.recruitments);
const borrower = new Map(evidence.borrowers.map((b) => [b.id, b]));
const registeredPhone = (id: string) => phoneLinksOf(id).find((l) => l.role === 'registered')!.phone;
const groups = (kind: InnocentKind) => truth.innocentGroups.filter((g) => g.kind === kind);
const gangs = (style: GangTruth['style']) => truth.gangs.filter((g) => g.style === style);
const day = (iso: string) => Date.parse(iso) / 86_400_000;
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

/** Character-bigram Jaccard similarity: near-duplicate texts score high, unrelated ones low. */
function similarity(a: string, b: string): number {
  const grams = (t: string) => new Set(Array.from({ length: Math.max(0, t.length - 1) }, (_, i) => t.slice(i, i + 2)));
  const [x, y] = [grams(a), grams(b)];
  let common = 0;
  for (const g of x) if (y.has(g)) common++;
  return common / (x.size + y.size - common || 1);
}
/** Mean similarity of pairs within each set of texts, against pairs taken across sets. */
function withinAndAcross(sets: string[][]): { within: number; across: number } {
  const within = sets.flatMap((texts) => texts.slice(1).map((t, i) => similarity(texts[i]!, t)));
  const across = sets.slice(1).map((texts, i) => similarity(sets[i]![0]!, texts[0]!));
  return { within: mean(within), across: mean(across) };
}

/** Phones and devices that innocent groups share, which a gang member may also happen to hold. */
const innocentIds = new Set(truth.innocentGroups.flatMap((g) => [...(g.shared.phones ?? []), ...(g.shared.devices ?? []), ...(g.shared.voiceprints ?? [])]));
/** Identifiers that appear on the records of two or more members of one gang, innocent ones aside. */
function sharedWithinGang(gang: GangTruth): string[] {
  const holders = new Map<string, Set<string>>();
  for (const member of gang.members) {
    const ids = [
      ...phoneLinksOf(member).map((l) => l.phone),
      ...deviceLinksOf(member).map((l) => l.deviceId),
      ...callsOf(member).flatMap((c) => [c.phone, c.voiceprintId]),
      ...complaintsOf(member).flatMap((c) => [c.phone, c.deviceId]),
    ];
    for (const id of ids) if (id !== undefined && !innocentIds.has(id)) holders.set(id, (holders.get(id) ?? new Set()).add(member));
  }
  return [...holders].filter(([, members]) => members.size >= 2).map(([id]) => id);
}

describe('When the field profile plants its gangs and look-alikes', () => {
  test('then every gang style and every innocent kind is there, at one gang per 400 borrowers', () => {
    expect(truth.gangs.length).toBe(50);
    for (const style of GangStyleSchema.options) expect([style, gangs(style).length > 0]).toEqual([style, true]);
    for (const kind of InnocentKindSchema.options) expect([kind, groups(kind).length > 0]).toEqual([kind, true]);
  });

  test('then no member of a field look-alike group is a gang member', () => {
    const members = new Set(truth.gangs.flatMap((g) => g.members));
    const fieldKinds: InnocentKind[] = ['proxyFamily', 'broker', 'caregiver', 'recycledNumber', 'publicTemplate', 'complaintBurst'];
    const overlap = truth.innocentGroups.filter((g) => fieldKinds.includes(g.kind)).flatMap((g) => g.members.filter((m) => members.has(m)));
    expect(overlap).toEqual([]);
  });
});

describe('When a relative handles the calls of a family (proxyFamily)', () => {
  const families = groups('proxyFamily');
  const handled = (g: InnocentGroup) => g.members.filter((m) => m !== g.handler);
  const familyCalls = families.flatMap((g) => handled(g).flatMap((m) => callsOf(m).map((call) => ({ call, g }))));

  test('then most of the members\' voiced calls carry the relative\'s one voice, placed from the relative\'s phone', () => {
    const voiced = familyCalls.filter(({ call }) => call.voiceprintId !== undefined);
    const relative = voiced.filter(({ call, g }) => call.voiceprintId === g.shared.voiceprints![0]);
    expect(relative.length / voiced.length).toBeGreaterThan(0.8);
    expect(relative.filter(({ call, g }) => call.phone !== undefined && call.phone !== g.shared.phones![0])).toEqual([]);
    const severalMembers = families.filter((g) => new Set(handled(g).filter((m) => callsOf(m).some((c) => c.voiceprintId === g.shared.voiceprints![0]))).size >= 2);
    expect(severalMembers.length).toBeGreaterThan(families.length * 0.3);
  });

  test('then those calls mostly fail the voice check and often the identity check', () => {
    const relative = familyCalls.filter(({ call, g }) => call.voiceprintId === g.shared.voiceprints![0]).map(({ call }) => call);
    const checked = relative.filter((c) => c.voiceMatch !== undefined);
    expect(checked.filter((c) => !c.voiceMatch).length / checked.length).toBeGreaterThan(0.65);
    const identity = relative.filter((c) => c.identityVerified !== undefined);
    const failed = identity.filter((c) => !c.identityVerified).length / identity.length;
    expect(failed).toBeGreaterThan(0.25);
    expect(failed).toBeLessThan(0.55);
  });

  test('then a shared handset is on every handled member, and almost none of them complains', () => {
    for (const g of families.filter((f) => f.shared.devices)) {
      for (const m of handled(g)) expect(deviceLinksOf(m).some((l) => l.deviceId === g.shared.devices![0])).toBe(true);
    }
    expect(families.some((g) => g.shared.devices)).toBe(true);
    const members = families.flatMap(handled);
    expect(members.filter((m) => complaintsOf(m).length > 0).length / members.length).toBeLessThan(0.05);
  });

  test('then a relative who borrows too calls for themself in their own voice', () => {
    const withHandler = families.filter((g) => g.handler !== undefined);
    expect(withHandler.length).toBeGreaterThan(0);
    for (const g of withHandler) {
      expect(registeredPhone(g.handler!)).toBe(g.shared.phones![0]);
    }
    // Their own checks fail only as any honest caller's do now and then.
    const own = withHandler.flatMap((g) => callsOf(g.handler!).filter((c) => c.voiceprintId === g.shared.voiceprints![0] && c.voiceMatch !== undefined));
    expect(own.filter((c) => c.voiceMatch).length / own.length).toBeGreaterThan(0.8);
  });
});

describe('When carers, brokers and recycled numbers share identifiers', () => {
  test('then a caregiver\'s voice is on several clients\' calls and does not match them', () => {
    const carers = groups('caregiver');
    const voiced = carers.filter((g) => new Set(g.members.filter((m) => callsOf(m).some((c) => c.voiceprintId === g.shared.voiceprints![0]))).size >= 2);
    expect(voiced.length).toBeGreaterThan(carers.length / 2);
    const calls = carers.flatMap((g) => g.members.flatMap(callsOf).filter((c) => c.voiceprintId === g.shared.voiceprints![0] && c.voiceMatch !== undefined));
    expect(calls.every((c) => c.voiceMatch === false)).toBe(true);
  });

  test('then a broker\'s clients register within the broker\'s window, from the broker\'s device, with the broker\'s phone as contact', () => {
    for (const g of groups('broker')) {
      const from = day(g.window!.from);
      const to = day(g.window!.to);
      for (const m of g.members) {
        const at = borrower.get(m)!.registeredAt!;
        expect(day(at) >= from - 1e-6 && day(at) <= to + 1e-6).toBe(true);
      }
      const onDevice = g.members.filter((m) => deviceLinksOf(m).some((l) => l.deviceId === g.shared.devices![0])).length;
      expect(onDevice / g.members.length).toBeGreaterThan(0.4);
      expect(g.members.some((m) => phoneLinksOf(m).some((l) => l.role === 'contact' && l.phone === g.shared.phones![0]))).toBe(true);
    }
  });

  test('then both holders of a recycled number registered with it, months apart, and calls about the former reach the new one', () => {
    const recycled = groups('recycledNumber');
    for (const g of recycled) {
      const [former, next] = g.members as [string, string];
      expect([registeredPhone(former), registeredPhone(next)]).toEqual([g.shared.phones![0], g.shared.phones![0]]);
      expect(day(borrower.get(next)!.registeredAt!) - day(borrower.get(former)!.registeredAt!)).toBeGreaterThanOrEqual(90);
    }
    const misdirected = recycled.filter((g) => callsOf(g.members[0]!).some((c) => c.voiceprintId === g.shared.voiceprints![0] && c.voiceMatch !== true));
    expect(misdirected.length).toBeGreaterThan(recycled.length / 3);
  });

  test('then households, hub devices and switchboards share what the truth says', () => {
    for (const g of [...groups('household'), ...groups('hubDevice'), ...groups('switchboard')]) {
      for (const m of g.members) {
        const ids = [...phoneLinksOf(m).map((l) => l.phone), ...deviceLinksOf(m).map((l) => l.deviceId)];
        expect([...(g.shared.phones ?? []), ...(g.shared.devices ?? [])].some((id) => ids.includes(id))).toBe(true);
      }
    }
  });
});

describe('When unrelated people complain alike', () => {
  test('then public-template filers use their own phone, handset and voice, and file weeks apart', () => {
    const filers = groups('publicTemplate');
    const seen = new Map<string, string>();
    for (const g of filers) {
      for (const m of g.members) {
        for (const c of complaintsOf(m)) {
          if (c.phone !== undefined) expect(c.phone).toBe(registeredPhone(m));
          if (c.deviceId !== undefined) expect(deviceLinksOf(m).some((l) => l.deviceId === c.deviceId)).toBe(true);
          if (c.phone !== undefined) expect(seen.get(c.phone) ?? m).toBe(m);
          if (c.phone !== undefined) seen.set(c.phone, m);
        }
      }
      const days = g.members.flatMap(complaintsOf).flatMap((c) => (c.filedAt ? [day(c.filedAt)] : []));
      if (g.members.length >= 5) expect(Math.max(...days) - Math.min(...days)).toBeGreaterThan(21);
    }
  });

  test('then a public template\'s filings are near-duplicates of each other, far closer than other templates\'', () => {
    const sets = groups('publicTemplate')
      .map((g) => g.members.flatMap(complaintsOf).flatMap((c) => (c.text ? [c.text] : [])))
      .filter((texts) => texts.length >= 3);
    const { within, across } = withinAndAcross(sets);
    expect(within).toBeGreaterThan(across + 0.1);
  });

  test('then a burst\'s complaints reach its channel within its window', () => {
    for (const g of groups('complaintBurst')) {
      const filed = g.members.flatMap(complaintsOf).filter((c) => c.channelId === g.shared.channelId);
      expect(filed.length).toBeGreaterThanOrEqual(g.members.length * 0.9);
      const from = day(g.window!.from);
      const to = day(g.window!.to);
      for (const c of filed) if (c.filedAt) expect(day(c.filedAt) >= from - 1e-6 && day(c.filedAt) <= to + 1e-6).toBe(true);
    }
  });

  test('then a flyer\'s audience was recruited by that flyer, and some of it complains', () => {
    const audiences = groups('flyerAudience');
    const members = audiences.flatMap((g) => g.members);
    // A recruitment record goes missing now and then (partial evidence).
    const attributed = audiences.flatMap((g) => g.members.filter((m) => recruitmentsOf(m).some((r) => r.adSourceId === g.shared.adSources![0])));
    expect(attributed.length / members.length).toBeGreaterThan(0.75);
    expect(members.filter((m) => complaintsOf(m).length > 0).length / members.length).toBeGreaterThan(0.02);
  });
});

describe('When gangs work in their styles', () => {
  test('then words-only gangs share no phone, device or voice between members, and file from their own phones', () => {
    for (const gang of gangs('wordsOnly')) {
      expect(sharedWithinGang(gang)).toEqual([]);
      expect([gang.agentPhones, gang.devices, gang.operators]).toEqual([[], [], []]);
      for (const m of gang.members) {
        for (const c of complaintsOf(m)) if (c.phone !== undefined) expect(c.phone).toBe(registeredPhone(m));
      }
    }
    // Calls are in the member's own voice: they fail only as any honest caller's do now and then.
    const checked = gangs('wordsOnly').flatMap((g) => g.members.flatMap(callsOf)).filter((c) => c.voiceMatch !== undefined);
    expect(checked.filter((c) => c.voiceMatch).length / checked.length).toBeGreaterThan(0.85);
  });

  test('then borrower-handset gangs work from each member\'s own phone, sharing only the agent\'s voice', () => {
    for (const gang of gangs('borrowerHandset')) {
      expect(sharedWithinGang(gang).every((id) => gang.voiceprints.includes(id))).toBe(true);
      for (const m of gang.members) {
        for (const c of [...callsOf(m), ...complaintsOf(m)]) if (c.phone !== undefined) expect(c.phone).toBe(registeredPhone(m));
      }
      expect(gang.members.some((m) => callsOf(m).some((c) => c.voiceprintId !== undefined && gang.voiceprints.includes(c.voiceprintId)))).toBe(true);
    }
  });

  test('then a multi-operator operation is large, and its operators\' voices and phones cross members', () => {
    for (const gang of gangs('multiOperator')) {
      expect(gang.operators.length).toBeGreaterThanOrEqual(3);
      expect(gang.members.length).toBeGreaterThanOrEqual(30);
      // Whatever members share is the operators': phones, devices, voices.
      const operatorIds = new Set(gang.operators.flatMap((o) => [...o.phones, ...o.devices, ...o.voiceprints]));
      const shared = sharedWithinGang(gang);
      expect(shared.filter((id) => !operatorIds.has(id))).toEqual([]);
      expect(gang.voiceprints.filter((v) => shared.includes(v)).length).toBeGreaterThanOrEqual(3);
    }
  });

  test('then a gang\'s complaints are near-duplicates of one template, not exact copies', () => {
    const sets = truth.gangs
      .filter((g) => g.template.source === 'own')
      .map((g) => g.members.flatMap(complaintsOf).flatMap((c) => (c.text ? [c.text] : [])))
      .filter((texts) => texts.length >= 4);
    const { within, across } = withinAndAcross(sets);
    expect(within).toBeGreaterThan(across + 0.1);
    expect(sets.every((texts) => new Set(texts).size > 1)).toBe(true);
  });

  test('then a seller\'s template is filed by more than one gang', () => {
    const bySeller = new Map<string, number>();
    for (const g of truth.gangs.filter((gang) => gang.template.source === 'seller')) bySeller.set(g.template.id, (bySeller.get(g.template.id) ?? 0) + 1);
    expect([...bySeller.values()].some((count) => count >= 2)).toBe(true);
  });

  test('then some operated members are not overdue, and all the others are', () => {
    const current = new Set(truth.gangs.flatMap((g) => g.currentMembers));
    expect(current.size).toBeGreaterThan(10);
    for (const m of truth.gangs.flatMap((g) => g.members)) {
      const overdue = borrower.get(m)!.overdueDays;
      if (overdue !== undefined) expect([m, overdue > 0]).toEqual([m, !current.has(m)]);
    }
  });
});
