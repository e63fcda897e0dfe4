import type { RingMember } from '../contract/ring';
import { describeReason } from '../wording/ringWording';
import { redactReason, type Redactor } from './redaction';
import type { Member } from './schemas/ring';

/** A member as the API shows it: masked facts, and the same facts in words. */
export function memberView<T extends Pick<RingMember, 'reasons'>>(member: T, redactor: Redactor): Omit<T, 'reasons'> & Pick<Member, 'reasons' | 'facts'> {
  const facts = member.reasons.map((r) => redactReason(r, redactor));
  return { ...member, facts, reasons: facts.map(describeReason) };
}
