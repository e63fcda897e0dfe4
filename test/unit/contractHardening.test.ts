import { BorrowerSchema, CallSchema, DeviceLinkSchema, IngestBatchSchema, PhoneLinkSchema } from '../../src/contract/ingestBatch';
import { conflictingDuplicates } from '../../src/contract/duplicates';
import { describeZodError } from '../../src/contract/validationIssues';

const issues = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  result.success ? [] : result.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);

describe('date-times the database accepts', () => {
  it.each([
    ['2024-01-01T00:00:00+23:59', 'offset'],
    ['2024-01-01T00:00:00+18:01', 'offset'],
    ['2024-01-01T00:00:00-19:00', 'offset'],
    ['2024-01-01T00:00:00.123456789012Z', 'fractional digits'],
    ['2024-01-01T00:00:00.1234567891+01:00', 'fractional digits'],
  ])('when a date-time is %s, then it is refused for its %s', (value, what) => {
    const result = BorrowerSchema.safeParse({ id: 'b1', registeredAt: value });
    expect(issues(result)).toEqual([expect.stringContaining(what)]);
    expect(issues(DeviceLinkSchema.safeParse({ borrowerId: 'b1', deviceId: 'd1', seenAt: value }))).toEqual([expect.stringMatching(/^seenAt: /)]);
  });

  it.each(['2024-01-01T00:00:00+18:00', '2024-01-01T00:00:00-18:00', '2024-01-01T00:00:00.123456789Z', '0000-01-01T00:00:00Z', '9999-12-31T23:59:59.999999999-05:30'])(
    'when a date-time is %s, at the edge of what Neo4j takes, then it is accepted',
    (value) => {
      expect(BorrowerSchema.safeParse({ id: 'b1', registeredAt: value }).success).toBe(true);
    },
  );
});

describe('ids that are keys people read', () => {
  it('when two ids differ only by a lone surrogate, then both are refused instead of becoming one U+FFFD id', () => {
    for (const id of ['sur-\ud800', 'sur-\udfff', '\udc00lead']) {
      expect(issues(BorrowerSchema.safeParse({ id }))).toEqual([expect.stringContaining('lone UTF-16 surrogate')]);
    }
    expect(BorrowerSchema.safeParse({ id: 'astral-\u{1F600}' }).success).toBe(true);
  });

  it.each([
    ['zero-width space', 'zw-b1\u200b', 'U+200B'],
    ['zero-width joiner', 'zw\u200db1', 'U+200D'],
    ['right-to-left mark', '\u200fb1', 'U+200F'],
    ['byte order mark inside', 'b\ufeff1', 'U+FEFF'],
    ['no-break space', 'b\u00a01', 'U+00A0'],
    ['tab', 'b\t1', 'U+0009'],
    ['NUL', 'b\u00001', 'U+0000'],
    ['private use', 'b\ue0001', 'U+E000'],
  ])('when an id holds a %s, then it is refused and the character is named', (_name, id, codePoint) => {
    expect(issues(CallSchema.safeParse({ id, borrowerId: 'b1' }))).toEqual([`id: contains ${codePoint}, an invisible or control character; ids must be visible text`]);
  });

  it('when an id is written decomposed, then it is stored in NFC, the same key as its precomposed form', () => {
    const decomposed = BorrowerSchema.parse({ id: ' Jose\u0301-1 ' });
    expect(decomposed.id).toBe('Jos\u00e9-1');
    expect(BorrowerSchema.parse({ id: 'Jos\u00e9-1' }).id).toBe(decomposed.id);
  });

  it('when an id holds CJK text or a plain space, then it is accepted as written', () => {
    expect(BorrowerSchema.parse({ id: '借款人 001' }).id).toBe('借款人 001');
  });

  it('when free text holds a lone surrogate, then it is refused; newlines and tabs in text are fine', () => {
    expect(issues(BorrowerSchema.safeParse({ id: 'b1', name: 'Li\ud800' }))).toEqual([expect.stringMatching(/^name: .*lone UTF-16 surrogate/)]);
    expect(BorrowerSchema.safeParse({ id: 'b1', name: 'Li\tWei\n' }).success).toBe(true);
  });
});

describe('error messages quote input, never all of it', () => {
  it('when a phone is a megabyte long, then the message is short and does not echo it', () => {
    const details = describeZodError(PhoneLinkSchema.safeParse({ borrowerId: 'b1', phone: '1'.repeat(1 << 20) }).error!);
    expect(details).toEqual([{ path: 'phone', message: 'must be at most 40 characters' }]);
  });

  it('when an invalid phone is under the length limit, then it is quoted in full', () => {
    const details = describeZodError(PhoneLinkSchema.safeParse({ borrowerId: 'b1', phone: '12000000000' }).error!);
    expect(details).toEqual([{ path: 'phone', message: '"12000000000" is not a valid phone number' }]);
  });
});

describe('conflicting duplicates within a batch', () => {
  const parse = (input: unknown) => IngestBatchSchema.parse(input);

  it('when the same borrower is sent twice with different fields, then both occurrences are named', () => {
    const batch = parse({ borrowers: [{ id: 'b1', overdueDays: 3 }, { id: 'b2' }, { id: 'b1', overdueDays: 30 }] });
    expect(conflictingDuplicates(batch)).toEqual([{ path: 'borrowers[2]', message: expect.stringMatching(/borrower id "b1" as borrowers\[0\], but differs in overdueDays/) }]);
  });

  it('when one call id is sent for two borrowers, then it is a conflict naming both records', () => {
    const batch = parse({ calls: [{ id: 'k1', borrowerId: 'b1' }, { id: 'k1', borrowerId: 'b2' }] });
    expect(conflictingDuplicates(batch)).toEqual([{ path: 'calls[1]', message: expect.stringMatching(/call id "k1" as calls\[0\], but differs in borrowerId/) }]);
  });

  it('when one complaint id is sent for two borrowers, or one recruitment with two dates, then each is a conflict', () => {
    const batch = parse({
      complaints: [{ id: 'c1', borrowerId: 'b1', channelId: 'ch' }, { id: 'c1', borrowerId: 'b2', channelId: 'ch' }],
      recruitments: [{ borrowerId: 'b1', adSourceId: 'a', at: '2024-01-01T00:00:00Z' }, { borrowerId: 'b1', adSourceId: 'a', at: '2024-02-01T00:00:00Z' }],
    });
    expect(conflictingDuplicates(batch).map((d) => d.path)).toEqual(['recruitments[1]', 'complaints[1]']);
  });

  it('when records repeat identically (fields in another order, phones in another format), then there is no conflict', () => {
    const batch = parse({
      borrowers: [{ id: 'b1', name: 'Li', overdueDays: 3 }, { overdueDays: 3, name: 'Li', id: 'b1' }],
      calls: [{ id: 'k1', borrowerId: 'b1', phone: '+8613800000000' }, { id: 'k1', borrowerId: 'b1', phone: '138 0000 0000' }],
      deviceLinks: [{ borrowerId: 'b1', deviceId: 'd1', seenAt: '2024-01-01T00:00:00Z' }, { borrowerId: 'b1', deviceId: 'd1', seenAt: '2024-03-01T00:00:00Z' }],
    });
    expect(conflictingDuplicates(batch)).toEqual([]);
  });
});
