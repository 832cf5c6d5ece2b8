import type { DealKind, DealStatus } from './vocabulary';

/** The statuses and kinds live in vocabulary.ts, with their words; they are named here too for the classifier's types. */
export { KINDS, STATUSES } from './vocabulary';
export type { DealKind, DealStatus } from './vocabulary';

/** What the classifier reads: an item's headline and text (plain text, already cleaned). */
export interface ClassifierInput {
  id?: string;
  title: string;
  summary: string;
  url?: string;
  /** The outlet, when known (never a party). */
  source?: string;
  /** ISO date or partial date, when known. */
  date?: string;
}

/** One phrase or rule that decided a field; positions are offsets into `title + "\n" + summary`. */
export interface Evidence {
  field: 'is_partnership' | 'parties' | 'kind' | 'status' | 'unconfirmed' | 'veto';
  rule: string;
  text: string;
  start: number;
  end: number;
}

export interface Classification {
  isPartnership: boolean;
  /** 0 to 1. */
  confidence: number;
  /** Canonical party names; empty when not a partnership. */
  parties: string[];
  /** null when not a partnership. */
  status: DealStatus | null;
  /** Most salient first; empty when not a partnership. */
  kinds: DealKind[];
  /** Hedged or attributed, not confirmed by a party. */
  unconfirmed: boolean;
  evidence: Evidence[];
  /** One sentence a member can read: why it was classified this way. */
  explanation: string;
}

/** One interface, so that a better model (local or remote) can replace or back up the rules. */
export interface Classifier {
  readonly name: string;
  classify(input: ClassifierInput): Classification;
}
