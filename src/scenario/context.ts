import type { Evidence } from '../contract/evidence';
import type { IdentifierMint } from './identifiers';
import type { ScenarioParams } from './params';
import type { ScenarioPlan } from './plan';
import type { Random } from './random';

/** What every step of borrower generation draws on. */
export interface ScenarioContext {
  params: ScenarioParams;
  plan: ScenarioPlan;
  random: Random;
  mint: IdentifierMint;
}

/** A borrower's own identifiers, as later steps (gang activity, complaints) need them. */
export interface BorrowerIdentity {
  id: string;
  phone: string;
  device: string;
  voiceprint: string;
  /** Day of 2024 the borrower registered. */
  registered: number;
}

/** Records generated for one chunk of borrowers, by kind. */
export type EvidenceChunk = Evidence;
