import type { Evidence } from '../contract/evidence';
import type { IdentifierMint } from './identifiers';
import type { ScenarioParams } from './params';
import type { ScenarioPlan } from './plan';
import type { Random } from './random';

/** What every step of borrower generation draws on. */
export interface ScenarioContext {
  params: ScenarioParams;
  plan: ScenarioPlan;
  /** The main stream, as the default and hard profiles have always drawn it. */
  random: Random;
  /** A second stream for everything the field knobs add; drawn only when a knob is on. */
  field: Random;
  mint: IdentifierMint;
}

/** A borrower's own identifiers and particulars, as later steps (gang activity, complaints) need them. */
export interface BorrowerIdentity {
  id: string;
  index: number;
  name: string;
  principal: number;
  phone: string;
  device: string;
  voiceprint: string;
  /** Day of 2024 the borrower registered. */
  registered: number;
}

/** Records generated for one chunk of borrowers, by kind. */
export type EvidenceChunk = Evidence;

/** How many records of each kind a chunk held before a borrower was added: that borrower's records follow. */
export type RecordMarks = { [K in keyof Evidence]: number };

export const recordMarks = (out: Evidence): RecordMarks => ({
  borrowers: out.borrowers.length,
  adSources: out.adSources.length,
  complaintChannels: out.complaintChannels.length,
  phoneLinks: out.phoneLinks.length,
  deviceLinks: out.deviceLinks.length,
  recruitments: out.recruitments.length,
  complaints: out.complaints.length,
  calls: out.calls.length,
});
