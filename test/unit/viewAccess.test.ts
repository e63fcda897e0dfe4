import type { Principal } from '../../src/auth/roles';
import { sessionToken, ViewSessions, SESSION_COOKIE } from '../../src/http/viewSessions';
import { TICKET_TTL_MS, ViewTickets } from '../../src/http/viewTickets';
import { safeNext } from '../../src/http/viewPages';

const viewer: Principal = { role: 'viewer', keyFingerprint: 'abcdef012345' };

/** A clock the test turns by hand. */
const clock = (start = 1_700_000_000_000) => {
  let now = start;
  return { now: () => now, turn: (ms: number) => void (now += ms) };
};

describe('single-use view links (tickets)', () => {
  it('when a ticket is redeemed, then it gives the role, fingerprint and ring it was issued for, and never the key', () => {
    const tickets = new ViewTickets();
    const { ticket } = tickets.issue(viewer, 'ring-1');
    expect(tickets.redeem(ticket)).toEqual({ principal: viewer, ringId: 'ring-1' });
    expect(Buffer.from(ticket.split('.')[0]!, 'base64url').toString()).not.toMatch(/key/i);
  });

  it('when a ticket is redeemed a second time, then it is refused', () => {
    const tickets = new ViewTickets();
    const { ticket } = tickets.issue(viewer, null);
    expect(tickets.redeem(ticket)).not.toBeNull();
    expect(tickets.redeem(ticket)).toBeNull();
  });

  it('when a ticket is older than 15 minutes, then it is refused; a minute before, it is not', () => {
    const time = clock();
    const tickets = new ViewTickets(undefined, time.now);
    const early = tickets.issue(viewer, null).ticket;
    const late = tickets.issue(viewer, null).ticket;
    time.turn(TICKET_TTL_MS - 60_000);
    expect(tickets.redeem(early)).not.toBeNull();
    time.turn(60_000);
    expect(tickets.redeem(late)).toBeNull();
  });

  it('when a ticket is altered (an upgraded role), signed with another secret, or malformed, then it is refused', () => {
    const tickets = new ViewTickets();
    const [payload, mac] = tickets.issue(viewer, null).ticket.split('.') as [string, string];
    const upgraded = Buffer.from(Buffer.from(payload, 'base64url').toString().replace('"viewer"', '"admin"')).toString('base64url');
    expect(tickets.redeem(`${upgraded}.${mac}`)).toBeNull();
    expect(tickets.redeem(new ViewTickets().issue(viewer, null).ticket)).toBeNull();
    for (const junk of ['', 'x', 'a.b', `${payload}.${mac}.extra`, `${payload}.`]) expect(tickets.redeem(junk)).toBeNull();
  });
});

describe('browser sessions', () => {
  it('when a session is opened, then its token gives the principal until it is closed', () => {
    const sessions = new ViewSessions();
    const { token } = sessions.open(viewer);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(sessions.principal(token)).toEqual(viewer);
    sessions.close(token);
    expect(sessions.principal(token)).toBeNull();
  });

  it('when 8 hours have passed, then the session has ended', () => {
    const time = clock();
    const sessions = new ViewSessions(time.now);
    const { token } = sessions.open(viewer);
    time.turn(8 * 3_600_000 - 1);
    expect(sessions.principal(token)).toEqual(viewer);
    time.turn(1);
    expect(sessions.principal(token)).toBeNull();
  });

  it('when more sessions are opened than the bound, then the oldest ends first', () => {
    const sessions = new ViewSessions(Date.now, 60_000, 2);
    const [a, b, c] = [sessions.open(viewer), sessions.open(viewer), sessions.open(viewer)];
    expect([a, b, c].map((s) => sessions.principal(s.token) !== null)).toEqual([false, true, true]);
  });

  it('when a Cookie header is read, then only the session cookie counts', () => {
    expect(sessionToken(`theme=dark; ${SESSION_COOKIE}=abc123; other=1`)).toBe('abc123');
    expect(sessionToken(`not_${SESSION_COOKIE}=abc`)).toBeNull();
    expect(sessionToken(undefined)).toBeNull();
  });
});

describe('where sign-in leads', () => {
  it.each([
    ['/v1/rings/ring-1/view', '/v1/rings/ring-1/view'],
    ['/v1/rings?format=html&kind=sharedOperator', '/v1/rings?format=html&kind=sharedOperator'],
    ['https://evil.example/v1/', '/v1/rings?format=html'],
    ['//evil.example/v1/', '/v1/rings?format=html'],
    ['/v1/\\evil.example', '/v1/rings?format=html'],
    ['/view/sign-in', '/v1/rings?format=html'],
    [undefined, '/v1/rings?format=html'],
  ])('when next is %s, then it goes to %s', (next, expected) => {
    expect(safeNext(next)).toBe(expected);
  });
});
