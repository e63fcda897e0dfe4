import { detectRings, emptyEvidence, type DetectionResult, type Evidence, type Ring } from '../../src/detection';
import { EvidenceBuilder, TEMPLATE, hashDigits, hoursAfter, ownPhone } from './support/evidenceBuilder';

/** A gang: one agent operates every recruit with his own phone, device and voice. */
function addGang(b: EvidenceBuilder, prefix: string, size: number, opts: { adSource: string; channel: string; day: string; freshPhones?: boolean }) {
  const ids = Array.from({ length: size }, (_, i) => `${prefix}-${String(i).padStart(2, '0')}`);
  ids.forEach((id, i) => {
    const phone = opts.freshPhones ? `+86137${String(hashDigits(`${id}-burner`)).padStart(8, '0')}` : `+86150${String(hashDigits(`${prefix}-agent`)).padStart(8, '0')}`;
    b.borrower(id)
      .recruit(id, opts.adSource)
      .device(id, `${prefix}-agent-handset`)
      .complaint(id, { channelId: opts.channel, filedAt: hoursAfter(opts.day, i * 2), phone, deviceId: `${prefix}-agent-handset`, text: TEMPLATE(`${prefix}${i}`, 5000 + i * 100) })
      .call(id, { phone, voiceprintId: `${prefix}-agent-voice`, voiceMatch: false, identityVerified: i % 2 === 0 });
  });
  return ids;
}

/** A family: a shared tablet and one contact number, each speaking for themselves. */
function addHousehold(b: EvidenceBuilder, prefix: string, size: number) {
  const ids = Array.from({ length: size }, (_, i) => `${prefix}-${i}`);
  for (const id of ids) {
    b.borrower(id).device(id, `${prefix}-tablet`).contactPhone(id, `+8613${String(hashDigits(prefix)).padStart(9, '0')}`);
    b.call(id, { phone: ownPhone(id), voiceprintId: `voice-${id}`, voiceMatch: true, identityVerified: true });
  }
  return ids;
}

const PHRASES = ['催收电话一天打十几次', '利率超过法定上限', 'app自动扣款未经同意', '客服无法联系', '借款合同条款不清楚', '征信上报错误', '提前还款被收违约金', '骚扰我的同事和家人', '担保费没有告知', '放款金额少于合同'];
/** Genuine complaints after a news story: same regulator, same days, each in their own words. */
function addComplaintBurst(b: EvidenceBuilder, prefix: string, size: number, day: string) {
  const ids = Array.from({ length: size }, (_, i) => `${prefix}-${String(i).padStart(2, '0')}`);
  ids.forEach((id, i) => {
    const text = [PHRASES[i % 10], PHRASES[(i * 3 + 1) % 10], `我的编号是${id}`].join('，');
    b.borrower(id)
      .complaint(id, { channelId: 'regulator-cbirc', filedAt: hoursAfter(day, i), phone: ownPhone(id), text })
      .call(id, { phone: ownPhone(id), voiceprintId: `voice-${id}`, voiceMatch: true, identityVerified: true });
  });
  return ids;
}

const suspected = (r: DetectionResult) => r.rings.filter((ring) => ring.suspected);
const memberIds = (ring: Ring) => ring.members.map((m) => m.borrowerId).sort();
const ringOf = (r: DetectionResult, id: string) => r.rings.find((ring) => ring.members.some((m) => m.borrowerId === id));

function population(): { evidence: Evidence; gangA: string[]; gangB: string[]; careful: string[]; household: string[]; burst: string[] } {
  const b = new EvidenceBuilder();
  const gangA = addGang(b, 'ga', 8, { adSource: 'flyer-printer', channel: 'regulator-cbirc', day: '2024-03-01T09:00:00Z' });
  const gangB = addGang(b, 'gb', 7, { adSource: 'flyer-printer', channel: 'regulator-pboc', day: '2024-03-10T09:00:00Z' });
  const careful = addGang(b, 'gc', 6, { adSource: 'wechat-group-9', channel: 'consumer-12315', day: '2024-04-01T09:00:00Z', freshPhones: true });
  for (let i = 0; i < 5; i++) b.borrower(`flyer-only-${i}`).recruit(`flyer-only-${i}`, 'flyer-printer');
  const household = addHousehold(b, 'family', 4);
  const burst = addComplaintBurst(b, 'burst', 30, '2024-03-02T08:00:00Z');
  for (let i = 0; i < 60; i++) b.borrower(`cafe-${i}`).device(`cafe-${i}`, 'internet-cafe-pc');
  return { evidence: b.evidence, gangA, gangB, careful, household, burst };
}

describe('detectRings', () => {
  it('rejects invalid options with a message naming the module and field', () => {
    expect(() => detectRings(emptyEvidence(), { resolution: -1 })).toThrow(/detection: invalid options: resolution/);
    expect(() => detectRings(emptyEvidence(), { minRingSize: 1 })).toThrow(/minRingSize/);
    expect(() => detectRings(emptyEvidence(), { usageStrength: { callVoice: 2 } })).toThrow(/usageStrength\.callVoice/);
    expect(() => detectRings(emptyEvidence(), { bogus: 1 } as never)).toThrow(/detection: invalid options/);
  });

  it('returns no rings and zero counts for empty evidence', () => {
    const result = detectRings(emptyEvidence());
    expect(result.rings).toEqual([]);
    expect(result.hubs).toEqual([]);
    expect(result.stats).toMatchObject({ borrowers: 0, links: 0, graphNodes: 0, graphEdges: 0, communities: 0, modularity: 0 });
  });

  it('gives the same rings and ids on two runs, whatever the record order', () => {
    const { evidence } = population();
    const shuffled: Evidence = { ...evidence, borrowers: [...evidence.borrowers].reverse(), deviceLinks: [...evidence.deviceLinks].reverse() };
    const strip = (r: DetectionResult) => r.rings.map((ring) => ({ ...ring }));
    expect(strip(detectRings(shuffled))).toEqual(strip(detectRings(evidence)));
    expect(detectRings(evidence, { seed: 7 }).rings.map((r) => r.id)).toEqual(detectRings(evidence, { seed: 7 }).rings.map((r) => r.id));
  });

  it('finds each gang as one suspected ring, and keeps two gangs sharing one flyer apart', () => {
    const { evidence, gangA, gangB, careful } = population();
    const result = detectRings(evidence);
    const found = suspected(result).map(memberIds);
    expect(found).toContainEqual([...gangA].sort());
    expect(found).toContainEqual([...gangB].sort());
    expect(found).toContainEqual([...careful].sort());
    expect(found).toHaveLength(3);
  });

  it('leaves recruits who answered the flyer but were never operated out of the rings', () => {
    const result = detectRings(population().evidence);
    expect(ringOf(result, 'flyer-only-0')).toBeUndefined();
  });

  it('does not flag a household sharing a tablet and a contact number', () => {
    const { evidence, household } = population();
    expect(ringOf(detectRings(evidence), household[0]!)?.suspected ?? false).toBe(false);
  });

  it('does not flag a burst of genuine complaints to one regulator in the same days', () => {
    const { evidence, burst } = population();
    const result = detectRings(evidence);
    for (const id of burst) expect(ringOf(result, id)?.suspected ?? false).toBe(false);
  });

  it('cuts a public device shared by 60 unrelated borrowers and reports it', () => {
    const result = detectRings(population().evidence);
    expect(ringOf(result, 'cafe-0')).toBeUndefined();
    expect(result.hubs).toContainEqual(expect.objectContaining({ kind: 'device', id: 'internet-cafe-pc', degree: 60, action: 'cut' }));
  });

  it('cuts a switchboard held as contact by as many borrowers as an agent acts for, and keeps the agent', () => {
    const b = new EvidenceBuilder();
    const gang = addGang(b, 'gs', 20, { adSource: 'flyer-s', channel: 'regulator-s', day: '2024-06-01T00:00:00Z' });
    for (let i = 0; i < 20; i++) b.borrower(`employee-${i}`).contactPhone(`employee-${i}`, '+862088880000');
    const result = detectRings(b.evidence);
    expect(result.hubs).toContainEqual(expect.objectContaining({ kind: 'phone', id: '+862088880000', action: 'cut' }));
    expect(result.hubs.some((h) => h.id.startsWith('gs-'))).toBe(false);
    expect(suspected(result).map(memberIds)).toEqual([[...gang].sort()]);
  });

  it('reports a login shared by more than a household, yet kept, as down-weighted', () => {
    const b = new EvidenceBuilder();
    for (let i = 0; i < 9; i++) b.borrower(`shop-${i}`).device(`shop-${i}`, 'shop-terminal');
    const result = detectRings(b.evidence);
    expect(result.hubs).toEqual([expect.objectContaining({ kind: 'device', id: 'shop-terminal', degree: 9, action: 'downweighted' })]);
    expect(suspected(result)).toEqual([]);
  });

  it('leaves a gang member’s relatives, tied only by the family tablet, out of the ring', () => {
    const b = new EvidenceBuilder();
    const gang = addGang(b, 'gr', 6, { adSource: 'flyer-r', channel: 'regulator-r', day: '2024-06-01T00:00:00Z' });
    for (const relative of ['rel-0', 'rel-1']) b.borrower(relative).device(relative, 'family-tablet');
    b.device(gang[0]!, 'family-tablet');
    const ring = ringOf(detectRings(b.evidence), gang[0]!)!;
    expect(memberIds(ring)).toEqual([...gang].sort());
  });

  it('keeps scores in [0, 1], with contributions that add up to the score', () => {
    for (const ring of detectRings(population().evidence).rings) {
      expect(ring.score).toBeGreaterThanOrEqual(0);
      expect(ring.score).toBeLessThanOrEqual(1);
      const sum = ring.signals.reduce((s, sig) => s + sig.contribution, 0);
      expect(sum).toBeCloseTo(ring.score, 5);
      expect(ring.signals.reduce((s, sig) => s + sig.weight, 0)).toBeCloseTo(1, 5);
    }
  });

  it('explains members, roles and the agent’s tools', () => {
    const { evidence, gangA } = population();
    const ring = ringOf(detectRings(evidence), gangA[0]!)!;
    expect(ring.members.every((m) => m.role === 'operated' && m.reasons.length > 0)).toBe(true);
    expect(ring.members.every((m) => m.weight > 0 && m.weight <= 1)).toBe(true);
    expect(ring.tools[0]).toMatchObject({ members: 8 });
    expect(ring.tools.map((t) => `${t.kind}:${t.id}`)).toEqual(expect.arrayContaining(['voice:ga-agent-voice', 'device:ga-agent-handset']));
    expect(ring.signals.find((s) => s.name === 'sharedVoice')!.value).toBe(1);
  });

  it('keeps ring ids across runs when membership mostly persists', () => {
    const { evidence, gangA } = population();
    const first = detectRings(evidence);
    const before = ringOf(first, gangA[0]!)!;
    const b = new EvidenceBuilder();
    Object.assign(b.evidence, structuredClone(evidence));
    addGang(b, 'gd', 5, { adSource: 'flyer-x', channel: 'regulator-x', day: '2024-05-01T00:00:00Z' });
    const previous = first.rings.map((r) => ({ id: r.id, members: memberIds(r) }));
    const second = detectRings(b.evidence, {}, previous);
    const after = ringOf(second, gangA[0]!)!;
    expect(after.id).toBe(before.id);
    expect(after.lineage).toMatchObject({ keptId: true, merged: false, split: false });
    expect(ringOf(second, 'gd-00')!.lineage).toMatchObject({ keptId: false, from: [] });
  });

  it('reports progress and stage timings', () => {
    const stages = new Set<string>();
    const result = detectRings(population().evidence, { onProgress: (stage) => stages.add(stage) });
    expect([...stages]).toEqual(expect.arrayContaining(['projection', 'communities', 'done']));
    expect(Object.keys(result.stats.timings)).toEqual(['texts', 'campaigns', 'borrowers', 'links', 'hubs', 'incidences', 'bridges', 'projection', 'communities', 'scoring', 'ids']);
  });
});
