import type { Evidence } from '../../src/contract/evidence';
import { shingleComplaints } from '../../src/detection/complaintTemplates';
import { parseDetectionOptions } from '../../src/detection/options';
import { RecordMemo } from '../../src/detection/recordMemo';
import { findRecruitmentCampaigns, type RecruitmentCampaign } from '../../src/detection/recruitmentCampaigns';
import { generateScenario } from '../../src/scenario/generateScenario';
import { profileParams } from '../../src/scenario/profiles';

/**
 * What a campaign is compared by is worked out again only when its complaints changed:
 * a process that keeps the last run's plan inputs passes the same records again, and the
 * campaigns found must be those a fresh process would find from the same data.
 */

describe('When values are remembered by the records they were worked out from', () => {
  const a = { id: 'a' };
  const b = { id: 'b' };
  const text = new Uint32Array([1, 2]);

  test('then the same records with the same texts are worked out once', () => {
    const memo = new RecordMemo<number>();
    let computed = 0;
    const compute = () => ++computed;
    expect(memo.get([a, b], [text, null], compute)).toBe(1);
    expect(memo.get([a, b], [text, null], compute)).toBe(1);
    expect(computed).toBe(1);
  });

  test('then another record, another order, another text or a longer list is worked out afresh, and both are remembered', () => {
    const memo = new RecordMemo<string>();
    const seen: string[] = [];
    const get = (records: object[], texts: unknown[], name: string) => memo.get(records, texts, () => (seen.push(name), name));
    expect(get([a, b], [text, null], 'first')).toBe('first');
    expect(get([a, { id: 'b' }], [text, null], 'copy of b')).toBe('copy of b');
    expect(get([a, b], [new Uint32Array([1, 2]), null], 'copy of text')).toBe('copy of text');
    expect(get([a, b, b], [text, null, null], 'longer')).toBe('longer');
    expect(get([b, a], [null, text], 'reversed')).toBe('reversed');
    expect(get([a, b], [text, null], 'again')).toBe('first');
    expect(seen).toEqual(['first', 'copy of b', 'copy of text', 'longer', 'reversed']);
  });
});

describe('When campaigns are looked for again after some complaints changed', () => {
  const options = parseDetectionOptions({});
  const { evidence } = generateScenario(profileParams('field', 4_000, 11));
  const find = (e: Evidence) => findRecruitmentCampaigns(e, shingleComplaints(e, options), options);
  const comparable = (campaigns: RecruitmentCampaign[]) => JSON.stringify(campaigns.map((c) => ({ ...c, affinity: Array.from(c.affinity) })));

  test('then they are those found from copies of every record, and the changes show', () => {
    const before = find(evidence);
    expect(before.length).toBeGreaterThan(3);
    // New records for two campaigns' filers: every text of one rewritten (a filer's closest
    // text ties it, so all of them), one filer's complaints gone.
    const [largest, other] = [...before].sort((x, y) => y.borrowerIds.length - x.borrowerIds.length);
    const rewrite = largest!.borrowerIds.at(-1);
    const complaints = evidence.complaints
      .map((c) => (c.borrowerId === rewrite && c.text ? { ...c, text: `与本平台无关的另一段文字，讲的是完全不同的事情，没有任何相同之处。编号${c.id}` } : c))
      .filter((c) => c.borrowerId !== other!.borrowerIds[0]);
    const changed: Evidence = { ...evidence, complaints };

    const again = find(changed);
    const fresh = find(structuredClone(changed));
    expect(comparable(again)).toBe(comparable(fresh));
    expect(comparable(again)).not.toBe(comparable(before));
    // Nothing changed: every campaign as before.
    expect(comparable(find(evidence))).toBe(comparable(before));
  });
});
