import { decodeCursor, encodeCursor, page } from '../../src/investigation/cursor';
import { demandFigures } from '../../src/investigation/demandedAmounts';
import { fullAccess, maskName, maskPhone, maskedAccess } from '../../src/investigation/redaction';
import { memberView } from '../../src/investigation/memberView';
import { escapeHtml } from '../../src/http/evidencePackHtml';
import { ApiKeysSchema, KeyRing } from '../../src/auth/apiKeys';

describe('demanded amounts', () => {
  it('when a complaint demands compensation with a figure, then the figure and its clause are kept', () => {
    const text = '本人于五月在贵平台借款，严重侵害本人合法权益。现要求退还全部利息并赔偿损失7000元，否则将向媒体曝光。';
    expect(demandFigures('c1', text)).toEqual([{ complaintId: 'c1', amount: 7000, quote: '现要求退还全部利息并赔偿损失7000元' }]);
  });

  it('when an amount is not next to a refund or compensation word, or no figure is given, then nothing is counted', () => {
    expect(demandFigures('c1', '我借了5000元，利息算得比合同高，要求退还多扣的钱。')).toEqual([]);
    expect(demandFigures('c1', null)).toEqual([]);
  });

  it('when an English complaint asks for a refund in yuan, then the figure is read without thousands separators', () => {
    expect(demandFigures('c2', 'I demand a refund of ¥3,500 now')[0]?.amount).toBe(3500);
  });
});

describe('masking', () => {
  it('when a phone or name is masked, then only the prefix and last four digits, or the surname, remain', () => {
    expect(maskPhone('+8613812345678')).toBe('+86138****5678');
    expect(maskName('王小明')).toBe('王**');
  });

  it('when a reason names a shared phone, then a viewer gets it masked in the facts and in the words alike', () => {
    const member = {
      borrowerId: 'b1',
      role: 'operated' as const,
      weight: 1,
      reasons: [
        { kind: 'sharedIdentifier' as const, identifier: { kind: 'phone' as const, id: '+8617821606657' }, usages: ['callPhone' as const], sharedWith: 3, degree: 4 },
        { kind: 'sharedIdentifier' as const, identifier: { kind: 'device' as const, id: 'dev-1' }, usages: ['deviceLogin' as const], sharedWith: 1, degree: 2 },
      ],
    };
    const viewed = memberView(member, maskedAccess);
    expect(viewed.facts[0]).toMatchObject({ identifier: { kind: 'phone', id: '+86178****6657' } });
    expect(viewed.facts[1]).toMatchObject({ identifier: { kind: 'device', id: 'dev-1' } });
    expect(viewed.reasons[0]).toBe('phone +86178****6657 (called from) shared with 3 other members');
    expect(JSON.stringify(viewed)).not.toContain('17821606657');
    expect(memberView(member, fullAccess).reasons[0]).toContain('+8617821606657');
  });

  it('when free text would reach a viewer, then it is withheld whole rather than searched for what looks personal', () => {
    expect(maskedAccess.freeText('本人张三，电话 138 1234 5678')).toBeNull();
    expect(fullAccess.freeText('本人张三')).toBe('本人张三');
  });
});

describe('cursors', () => {
  it('when a page is cut, then the cursor decodes to the last item served', () => {
    const { items, nextCursor } = page([1, 2, 3], 2, (n) => ({ key: n, id: String(n) }));
    expect(items).toEqual([1, 2]);
    expect(decodeCursor(nextCursor!)).toEqual({ key: 2, id: '2' });
    expect(page([1, 2], 2, (n) => ({ key: n, id: String(n) })).nextCursor).toBeNull();
  });

  it('when a cursor was not issued by the API, then decoding fails with 400', () => {
    expect(() => decodeCursor('not-a-cursor')).toThrow(expect.objectContaining({ status: 400, code: 'invalid_cursor' }));
    expect(() => decodeCursor(encodeCursor({ key: 1, id: 'x' }).slice(3))).toThrow(expect.objectContaining({ status: 400 }));
  });
});

describe('API keys', () => {
  it('when API_KEYS is parsed, then each entry gives a role and a key', () => {
    expect(ApiKeysSchema.parse('investigator:aaaaaaaaaaaaaaaa, viewer:bbbbbbbbbbbbbbbb')).toEqual([
      { role: 'investigator', key: 'aaaaaaaaaaaaaaaa' },
      { role: 'viewer', key: 'bbbbbbbbbbbbbbbb' },
    ]);
  });

  it('when a role is unknown or a key too short, then parsing fails', () => {
    expect(ApiKeysSchema.safeParse('root:aaaaaaaaaaaaaaaa').success).toBe(false);
    expect(ApiKeysSchema.safeParse('viewer:short').success).toBe(false);
  });

  it('when a key is presented, then only an exact match authenticates, and the principal carries a fingerprint, not the key', () => {
    const ring = new KeyRing([{ role: 'viewer', key: 'viewer-key-0123456789' }]);
    const principal = ring.authenticate('viewer-key-0123456789');
    expect(principal).toEqual({ role: 'viewer', keyFingerprint: expect.stringMatching(/^[0-9a-f]{12}$/) });
    expect(JSON.stringify(principal)).not.toContain('viewer-key');
    expect(ring.authenticate('viewer-key-012345678')).toBeNull();
  });

  it('when no key is configured, then the key ring refuses to exist', () => {
    expect(() => new KeyRing([])).toThrow(/API_KEYS/);
  });
});

describe('HTML escaping', () => {
  it('when a value holds markup, then it comes out inert', () => {
    expect(escapeHtml('<script>alert("x")</script>&\'')).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;');
  });
});
