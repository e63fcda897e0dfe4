import type { RingTool } from '../contract/ring';
import { usagesOf } from './identifierLinks';
import type { RingIdentifier } from './ringIdentifiers';

/** On equal reach, list first what is hardest to share innocently. */
const KIND_ORDER = ['voice', 'phone', 'template', 'device', 'adSource'];

/** The identifiers shared inside a ring, most widely used first: the agent's phones, devices, voices, templates and flyers. */
export function ringTools(shared: readonly RingIdentifier[], limit: number): RingTool[] {
  return [...shared]
    .sort((a, b) => b.members.length - a.members.length || KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0))
    .slice(0, limit)
    .map((i, rank) => ({
      kind: i.kind,
      id: i.value,
      rank: rank + 1,
      members: i.members.length,
      degree: i.degree,
      usages: usagesOf(i.masks.reduce((m, x) => m | x, 0)),
    }));
}
