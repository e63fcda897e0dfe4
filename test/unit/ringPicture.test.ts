import type { RingTool } from '../../src/contract/ring';
import type { GraphRow, MemberWithProfile, RingGraphRows } from '../../src/investigation/ports';
import { fullAccess, maskedAccess } from '../../src/investigation/redaction';
import { buildRingGraph } from '../../src/investigation/ringGraph';
import { layOut, pictureGraph } from '../../src/investigation/ringLayout';
import { EDGE_COLORS, ROLE_COLORS, TOOL_COLORS, ringPicture } from '../../src/investigation/ringPicture';
import { renderRingSvg } from '../../src/investigation/ringSvg';

/**
 * A small ring, as the graph query returns it: three members operated through one phone
 * (a tool, used to complain and call) and one voice, a campaign template two of them
 * filed, a private device, and a public device the run cut as a hub.
 */
const PHONE = '+8613800001111';
const member = (borrowerId: string, name: string, role: 'operated' | 'peripheral', weight: number, template: boolean): MemberWithProfile => ({
  borrowerId,
  role,
  weight,
  name,
  overdueDays: 30,
  outstandingPrincipal: 1000,
  reasons: [
    { kind: 'sharedIdentifier', identifier: { kind: 'phone', id: PHONE }, usages: ['complaintPhone'], sharedWith: 2, degree: 3 },
    ...(template ? [{ kind: 'sharedIdentifier' as const, identifier: { kind: 'template' as const, id: 'ad1~c1' }, usages: ['templateComplaint' as const], sharedWith: 1, degree: 2 }] : []),
  ],
});
const end = (type: string, key: string, props: Record<string, unknown> = {}) => ({ type, key, props });
const row = (source: GraphRow['source'], type: string, target: GraphRow['target']): GraphRow => ({ source, type, target });

function rows(): RingGraphRows {
  const b = (id: string, name: string) => end('Borrower', id, { name });
  const tools: RingTool[] = [
    { kind: 'phone', id: PHONE, rank: 1, members: 3, degree: 3, usages: ['complaintPhone', 'callPhone'] },
    { kind: 'voice', id: 'v1', rank: 2, members: 2, degree: 2, usages: ['callVoice'] },
    { kind: 'template', id: 'ad1~c1', rank: 3, members: 2, degree: 2, usages: ['templateComplaint'] },
  ];
  return {
    score: 0.8,
    members: [member('b1', '王小明', 'operated', 1, true), member('b2', '李<b>红', 'operated', 0.9, true), member('b3', '张伟', 'peripheral', 0.5, false)],
    rows: [
      row(b('b1', '王小明'), 'FILED', end('Complaint', 'c1', { filedAt: '2024-03-01T00:00:00Z', claim: 'refund' })),
      row(end('Complaint', 'c1'), 'FROM_PHONE', end('Phone', PHONE)),
      row(end('Complaint', 'c1'), 'VIA', end('ComplaintChannel', 'ch1', { name: 'hotline' })),
      row(end('Call', 'k1', { at: '2024-03-02T00:00:00Z', voiceMatch: false }), 'ABOUT', b('b2', '李<b>红')),
      row(end('Call', 'k1'), 'SPOKEN_BY', end('Voiceprint', 'v1')),
      row(end('Call', 'k1'), 'FROM_PHONE', end('Phone', PHONE)),
      row(b('b3', '张伟'), 'HAS_PHONE', end('Phone', PHONE)),
      row(b('b3', '张伟'), 'USED_DEVICE', end('Device', 'private-device')),
      row(b('b1', '王小明'), 'USED_DEVICE', end('Device', 'public-device')),
      row(b('b3', '张伟'), 'USED_DEVICE', end('Device', 'public-device')),
    ],
    tools,
    hubs: [{ type: 'Device', id: 'public-device', action: 'cut', degree: 240, usage: 'passive', limit: 12, specificity: null }],
  };
}

describe('the ring graph (GET /v1/rings/{id}/graph)', () => {
  it('when a ring is built, then tools carry their rank and the members they serve, cut hubs are marked with why, and members their role', () => {
    const graph = buildRingGraph('ring-1', rows(), fullAccess);
    const node = (id: string) => graph.nodes.find((n) => n.id === id)!;
    expect(node(`Phone:${PHONE}`).attributes).toMatchObject({ tool: true, toolKind: 'phone', rank: 1, members: 3, degree: 3 });
    expect(node('Device:public-device').attributes).toMatchObject({ hub: 'cut', hubDegree: 240, hubLimit: 12, hubUsage: 'passive', hubReason: expect.stringContaining('240 borrowers') });
    expect(node('Device:private-device').attributes.tool).toBeUndefined();
    expect(node('Borrower:b3').attributes).toMatchObject({ role: 'peripheral', weight: 0.5 });
    expect(graph.edges).toContainEqual({ source: 'Ring:ring-1', target: `Phone:${PHONE}`, type: 'USES_TOOL' });
  });

  it('when a campaign template is a tool, then it is a node tied to exactly the members who filed its text', () => {
    const graph = buildRingGraph('ring-1', rows(), fullAccess);
    expect(graph.nodes.find((n) => n.id === 'CampaignTemplate:ad1~c1')?.attributes).toMatchObject({ tool: true, toolKind: 'template', members: 2 });
    const filers = graph.edges.filter((e) => e.type === 'FILED_CAMPAIGN_TEXT').map((e) => e.source).sort();
    expect(filers).toEqual(['Borrower:b1', 'Borrower:b2']);
  });

  it('when a viewer reads it, then the tool phone is masked in its label and pseudonymous in its id, and its marks survive', () => {
    const graph = buildRingGraph('ring-1', rows(), maskedAccess);
    const text = JSON.stringify(graph);
    expect(text).not.toContain(PHONE);
    expect(text).not.toContain('王小明');
    const phone = graph.nodes.find((n) => n.type === 'Phone')!;
    expect(phone.label).toBe('+86138****1111');
    expect(phone.id).toMatch(/^Phone:#[0-9a-f]{10}$/);
    expect(phone.attributes).toMatchObject({ tool: true, members: 3 });
  });
});

describe('the ring picture', () => {
  const picture = (events: boolean) => ringPicture(buildRingGraph('ring-1', rows(), fullAccess), { events });

  it('when drawn, then members are coloured by role, tools by kind and sized by the members they serve, and only cut hubs are faded', () => {
    const nodes = new Map(picture(true).nodes.map((n) => [n.id, n]));
    expect(nodes.get('Borrower:b1')).toMatchObject({ role: 'operated', color: ROLE_COLORS.operated });
    expect(nodes.get('Borrower:b3')).toMatchObject({ role: 'peripheral', color: ROLE_COLORS.peripheral });
    expect(nodes.get(`Phone:${PHONE}`)).toMatchObject({ role: 'tool', color: TOOL_COLORS.phone });
    expect(nodes.get(`Phone:${PHONE}`)!.size).toBeGreaterThan(nodes.get('Voiceprint:v1')!.size);
    expect(nodes.get('Device:public-device')).toMatchObject({ role: 'hub', faded: true });
    expect([...nodes.values()].filter((n) => n.faded).map((n) => n.id)).toEqual(['Device:public-device']);
    expect(nodes.get('Complaint:c1')).toMatchObject({ role: 'complaint', at: '2024-03-01T00:00:00Z' });
  });

  it('when events are left out (paper), then members are tied straight to what their complaints and calls came from, and private identifiers are dropped', () => {
    const { nodes, edges } = picture(false);
    const ids = new Set(nodes.map((n) => n.id));
    expect([...ids].some((id) => id.startsWith('Complaint:') || id.startsWith('Call:') || id.startsWith('ComplaintChannel:'))).toBe(false);
    expect(ids.has('Device:private-device')).toBe(false);
    expect(ids.has('Device:public-device')).toBe(true);
    const through = edges.filter((e) => e.kind === 'throughEvent').map((e) => `${e.source} ${e.target}`).sort();
    expect(through).toEqual([`Borrower:b1 Phone:${PHONE}`, `Borrower:b2 Phone:${PHONE}`, 'Borrower:b2 Voiceprint:v1']);
    for (const e of edges) expect(ids.has(e.source) && ids.has(e.target)).toBe(true);
  });

  it('when laid out twice, then every node lands in the same place (the start is seeded by node ids)', () => {
    const place = () => {
      const graph = pictureGraph(picture(false), EDGE_COLORS);
      layOut(graph, 100);
      return graph.mapNodes((id, a) => [id, a.x, a.y]);
    };
    const first = place();
    expect(place()).toEqual(first);
    expect(first.every(([, x, y]) => Number.isFinite(x) && Number.isFinite(y))).toBe(true);
  });
});

describe('the ring as SVG (evidence pack)', () => {
  it('when rendered, then it draws every member and tool, labels them escaped, and has a legend', () => {
    const svg = renderRingSvg(buildRingGraph('ring-1', rows(), fullAccess), { title: 'Ring <1>' });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('<title>Ring &lt;1&gt;</title>');
    expect(svg).toContain('李&lt;b&gt;红');
    expect(svg).not.toContain('<b>');
    expect(svg.match(/<circle [^>]*fill="#d7301f"[^>]*><title>/g)).toHaveLength(2);
    expect(svg.match(/<circle [^>]*fill="#f5a623"[^>]*><title>/g)).toHaveLength(1);
    expect(svg).toContain(`fill="${TOOL_COLORS.phone}"`);
    expect(svg).toContain('hub the analysis cut (ignored)');
  });

  it('when rendered for a viewer, then no name or phone number of the data appears', () => {
    const svg = renderRingSvg(buildRingGraph('ring-1', rows(), maskedAccess), { title: 'ring-1' });
    for (const secret of [PHONE, '王小明', '张伟']) expect(svg).not.toContain(secret);
    expect(svg).toContain('王**');
  });

  it('when the same ring is rendered twice, then the SVG is the same', () => {
    expect(renderRingSvg(buildRingGraph('ring-1', rows(), fullAccess), { title: 't' })).toBe(renderRingSvg(buildRingGraph('ring-1', rows(), fullAccess), { title: 't' }));
  });
});
