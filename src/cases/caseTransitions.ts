import type { CaseStatus } from '../contract/case';
import { AppError } from '../errors';

/**
 * Which status may follow which. While a case is worked, investigators move freely between
 * open, investigating and a verdict (a confirmed gang can turn out to be a family, and back);
 * any case can be closed. A closed case is done: it takes a verdict again only after someone
 * reopens it (open or investigating), or when new evidence reopens it by itself.
 */
export const NEXT_STATUSES: Record<CaseStatus, readonly CaseStatus[]> = {
  open: ['investigating', 'confirmed', 'dismissed', 'closed'],
  investigating: ['open', 'confirmed', 'dismissed', 'closed'],
  confirmed: ['open', 'investigating', 'dismissed', 'closed'],
  dismissed: ['open', 'investigating', 'confirmed', 'closed'],
  closed: ['open', 'investigating'],
};

export const canMove = (from: CaseStatus, to: CaseStatus): boolean => from === to || NEXT_STATUSES[from].includes(to);

export function checkTransition(caseId: string, from: CaseStatus, to: CaseStatus): void {
  if (canMove(from, to)) return;
  throw new AppError(409, 'invalid_transition', `Case ${caseId} is ${from} and cannot become ${to}; it can become ${NEXT_STATUSES[from].join(', ')}`, [
    { path: 'status', message: `${from} → ${to} is not allowed` },
  ]);
}
