import type { Member } from '../investigation/schemas/ring';
import type { RingDetail, RingGraph } from '../investigation/schemas/ringDetail';

/**
 * What the view reads, through the same API as any client, with the browser's session:
 * the ring (score by signal, tools, campaign), its graph, and every member drawn (facts
 * and reasons, already masked and worded by the server for this reader).
 */
export interface RingData {
  detail: RingDetail;
  graph: RingGraph;
  members: Map<string, Member>;
}

export class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(path, { credentials: 'same-origin', headers: { accept: 'application/json' } });
  const body = (await response.json().catch(() => null)) as (T & { error?: { message?: string } }) | null;
  if (!response.ok || body === null) throw new ApiError(response.status, body?.error?.message ?? `${path} answered ${response.status}`);
  return body;
}

/** Members come a page at a time; the graph holds at most a few hundred, so this is a handful of requests. */
async function allMembers(ringId: string, wanted: number): Promise<Map<string, Member>> {
  const members = new Map<string, Member>();
  let cursor: string | null = null;
  do {
    const page: { members: Member[]; nextCursor: string | null } = await getJson(`/v1/rings/${encodeURIComponent(ringId)}/members?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    for (const m of page.members) members.set(m.borrowerId, m);
    cursor = page.nextCursor;
  } while (cursor && members.size < wanted);
  return members;
}

export async function loadRing(ringId: string): Promise<RingData> {
  const id = encodeURIComponent(ringId);
  const [detail, graph] = await Promise.all([getJson<RingDetail>(`/v1/rings/${id}`), getJson<RingGraph>(`/v1/rings/${id}/graph`)]);
  const drawn = graph.nodes.filter((n) => n.type === 'Borrower' && typeof n.attributes.role === 'string').length;
  return { detail, graph, members: await allMembers(ringId, drawn) };
}
