import { IngestBatchSchema, BorrowerSchema, PhoneLinkSchema } from '../../src/contract/ingestBatch';
import { normalisePhone } from '../../src/contract/phone';
import { definedIds, describeMissing, referencesOf, unresolvedReferences } from '../../src/contract/references';
import { describeZodError, formatPath } from '../../src/contract/validationIssues';
import { smallBatch } from '../fixtures/smallBatch';

describe('normalisePhone', () => {
  it.each([
    ['13800000000', '+8613800000000'],
    ['+86 138 0000 0000', '+8613800000000'],
    ['+8613800000000', '+8613800000000'],
    ['010-12345678', '+861012345678'],
    ['+14155552671', '+14155552671'],
  ])('when given %s, then it is %s in E.164', (raw, e164) => {
    expect(normalisePhone(raw)).toBe(e164);
  });

  it.each(['12000000000', '1380000000', 'abc', '', '+86'])('when given %p, then it is rejected', (raw) => {
    expect(normalisePhone(raw)).toBeNull();
  });

  it('when numbers come again, and more of them than it remembers, then each reads as it did the first time', () => {
    const written = Array.from({ length: 120_000 }, (_, i) => `138${String(i).padStart(8, '0')}`);
    const first = written.map(normalisePhone);
    expect(first[7]).toBe('+8613800000007');
    expect(normalisePhone('12000000000')).toBeNull();
    expect(normalisePhone('12000000000')).toBeNull();
    expect(written.map(normalisePhone)).toEqual(first);
    expect(normalisePhone(written[7]!)).toBe('+8613800000007');
  });
});

describe('the ingest contract', () => {
  it('when the documented example is parsed, then it is accepted with phones normalised', () => {
    const batch = IngestBatchSchema.parse(smallBatch());
    expect(batch.phoneLinks?.map((p) => p.phone)).toEqual(['+8613800000000', '+8613900000000', '+8613900000000']);
  });

  it('when every array is missing, then the empty batch is valid', () => {
    expect(IngestBatchSchema.parse({})).toEqual({});
  });

  it('when a phone link has no role, then it defaults to registered', () => {
    expect(PhoneLinkSchema.parse({ borrowerId: 'b1', phone: '13800000000' }).role).toBe('registered');
  });

  it.each([
    [{ id: '' }, 'id'],
    [{ id: 'b1', overdueDays: -1 }, 'overdueDays'],
    [{ id: 'b1', overdueDays: 1.5 }, 'overdueDays'],
    [{ id: 'b1', registeredAt: 'yesterday' }, 'registeredAt'],
    [{ id: 'b1', outstandingPrincipal: '12000' }, 'outstandingPrincipal'],
    [{ id: 'b1', nmae: 'typo' }, ''],
  ])('when a borrower is %j, then the error is at %p', (input, path) => {
    const result = BorrowerSchema.safeParse(input);
    expect(result.success).toBe(false);
    if (!result.success) expect(result.error.issues[0]?.path.join('.')).toBe(path);
  });

  it('when nested records are wrong, then the paths read like complaints[3].phone', () => {
    const result = IngestBatchSchema.safeParse({
      complaints: [0, 1, 2].map((i) => ({ id: `c${i}`, borrowerId: 'b', channelId: 'ch' })).concat([{ id: 'c3', borrowerId: 'b', channelId: 'ch', phone: 'nope' } as never]),
      adSources: [{ id: 'ad', kind: 'billboard' }],
    });
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(describeZodError(result.error).map((d) => d.path).sort()).toEqual(['adSources[0].kind', 'complaints[3].phone']);
    }
  });

  it('when a path is empty, then it is named (root)', () => {
    expect(formatPath([])).toBe('(root)');
    expect(formatPath(['calls', 0, 'voiceMatch'])).toBe('calls[0].voiceMatch');
  });
});

describe('references', () => {
  it('when a batch defines what it references, then nothing is left to look up', () => {
    const batch = IngestBatchSchema.parse(smallBatch());
    const open = unresolvedReferences(referencesOf(batch), definedIds(batch));
    expect([...open.borrower, ...open.adSource, ...open.complaintChannel]).toEqual([]);
  });

  it('when records point elsewhere, then each missing id is reported once at its first use', () => {
    const batch = IngestBatchSchema.parse({
      phoneLinks: [
        { borrowerId: 'x', phone: '13800000000' },
        { borrowerId: 'x', phone: '13800000001' },
      ],
      recruitments: [{ borrowerId: 'y', adSourceId: 'ad9' }],
    });
    const refs = [...referencesOf(batch)];
    const open = unresolvedReferences(refs, definedIds(batch));
    expect([...open.borrower].sort()).toEqual(['x', 'y']);
    expect(describeMissing(refs, open)).toEqual([
      { path: 'phoneLinks[0].borrowerId', message: 'unknown borrower "x"' },
      { path: 'recruitments[0].borrowerId', message: 'unknown borrower "y"' },
      { path: 'recruitments[0].adSourceId', message: 'unknown ad source "ad9"' },
    ]);
  });
});
