import type { IdentifierLinkRow, ToolLinkRow } from './ports';
import type { Redactor } from './redaction';
import type { Edge, EvidencePath, NodeRef } from './schemas/common';

const TOOL_TYPES: Record<string, NodeRef['type']> = { phone: 'Phone', device: 'Device', voice: 'Voiceprint', adSource: 'AdSource' };

const node = (type: NodeRef['type'], key: string, redactor: Redactor): NodeRef =>
  type === 'Phone' ? { id: `Phone:${redactor.phoneKey(key)}`, type, label: redactor.phone(key) } : { id: `${type}:${key}`, type, label: key };

const edge = (source: NodeRef, type: string, target: NodeRef): Edge => ({ source: source.id, target: target.id, type });

/** Rendered as people read it: arrows follow the relationships, "<-" marks one read backwards. */
function summarise(nodes: NodeRef[], edges: Edge[]): string {
  let out = nodes[0]?.label ?? '';
  for (let i = 0; i < edges.length; i++) {
    const e = edges[i]!;
    const next = nodes[i + 1]!;
    out += e.source === nodes[i]!.id ? ` -${e.type}-> ${next.label}` : ` <-${e.type}- ${next.label}`;
  }
  return out;
}

const path = (ringId: string, nodes: NodeRef[], edges: Edge[]): EvidencePath => ({ ringId, summary: summarise(nodes, edges), nodes, edges });

/** Borrower → (complaint or call) → the ring's tool ← ring: why this borrower is in the ring. */
export function borrowerPaths(borrowerId: string, rows: ToolLinkRow[], redactor: Redactor): EvidencePath[] {
  return rows.map((row) => {
    const borrower = node('Borrower', borrowerId, redactor);
    const tool = node(TOOL_TYPES[row.toolKind] ?? 'Device', row.toolId, redactor);
    const ring = node('Ring', row.ringId, redactor);
    if (!row.via) return path(row.ringId, [borrower, tool, ring], [edge(borrower, row.relationship, tool), edge(ring, 'USES_TOOL', tool)]);
    const via = node(row.via.type, row.via.id, redactor);
    const first = row.via.type === 'Complaint' ? edge(borrower, 'FILED', via) : edge(via, 'ABOUT', borrower);
    return path(row.ringId, [borrower, via, tool, ring], [first, edge(via, row.relationship, tool), edge(ring, 'USES_TOOL', tool)]);
  });
}

/** Phone or device → (complaint or call) → borrower → ring: how an identifier reaches each ring. */
export function identifierPaths(kind: 'phone' | 'device', id: string, rows: IdentifierLinkRow[], redactor: Redactor): EvidencePath[] {
  const identifier = node(kind === 'phone' ? 'Phone' : 'Device', id, redactor);
  return rows.flatMap((row) =>
    row.rings.map(({ ringId }) => {
      const borrower = node('Borrower', row.borrowerId, redactor);
      const ring = node('Ring', ringId, redactor);
      const member = edge(borrower, 'MEMBER_OF', ring);
      if (!row.via) return path(ringId, [identifier, borrower, ring], [edge(borrower, row.relationship, identifier), member]);
      const via = node(row.via.type, row.via.id, redactor);
      const tie = row.via.type === 'Complaint' ? edge(borrower, 'FILED', via) : edge(via, 'ABOUT', borrower);
      return path(ringId, [identifier, via, borrower, ring], [edge(via, row.relationship, identifier), tie, member]);
    }),
  );
}
