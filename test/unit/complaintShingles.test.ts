import { emptyEvidence, type Evidence } from '../../src/contract/evidence';
import { shingleComplaints } from '../../src/detection/complaintTemplates';
import { parseDetectionOptions } from '../../src/detection/options';

/**
 * A complaint's shingles are computed once per record: a process that keeps the last run's
 * plan inputs passes the same records again, and gets the same shingles without redoing
 * them; a record with another masked name or other options is shingled afresh.
 */

const text = '本人张伟因暴力催收要求平台退还全部本金和利息并赔偿精神损失费，否则将向银保监会和消费者协会投诉，请于三日内答复。';
const options = parseDetectionOptions({});

function evidenceWith(name: string): Evidence {
  return { ...emptyEvidence(), borrowers: [{ id: 'b1', name }], complaints: [{ id: 'c1', borrowerId: 'b1', channelId: 'regulator', text }] };
}

describe('When the same complaint records are shingled again', () => {
  test('then the shingles are the very ones computed the first time', () => {
    const evidence = evidenceWith('张伟');
    const first = shingleComplaints(evidence, options).of[0];
    expect(first).toBeInstanceOf(Uint32Array);
    expect(shingleComplaints(evidence, options).of[0]).toBe(first);
  });

  test('then a record seen with another name masked, or with other options, is shingled afresh, as a new record would be', () => {
    const evidence = evidenceWith('张伟');
    const masked = shingleComplaints(evidence, options).of[0]!;
    const renamed = { ...evidence, borrowers: [{ id: 'b1', name: '李娜' }] };
    const unmasked = shingleComplaints(renamed, options).of[0]!;
    expect(unmasked).not.toBe(masked);
    expect(unmasked).toEqual(shingleComplaints(evidenceWith('李娜'), options).of[0]);
    expect(Array.from(unmasked)).not.toEqual(Array.from(masked));
    const wider = parseDetectionOptions({ shingleSize: options.shingleSize + 1 });
    expect(shingleComplaints(evidence, wider).of[0]).toEqual(shingleComplaints(evidenceWith('张伟'), wider).of[0]);
    expect(Array.from(shingleComplaints(evidence, wider).of[0]!)).not.toEqual(Array.from(masked));
  });
});
