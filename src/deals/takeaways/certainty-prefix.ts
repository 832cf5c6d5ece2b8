import type { DealKind, DealStatus } from '../types';

/**
 * How sure a takeaway is, in words a musician understands; every takeaway opens with it.
 * A rumour, and any report that is not confirmed by a party, opens with "Unconfirmed".
 * A closed acquisition is a "Done deal" rather than "Live now".
 */
const CONFIRMED: Record<DealStatus, string> = {
  rumored: 'Unconfirmed:',
  in_talks: 'Nothing is signed yet:',
  announced: 'Agreed, not live yet:',
  launched: 'Live now:',
  ended: "It's over:",
  denied: 'Denied:',
};

const UNCONFIRMED: Record<DealStatus, string> = {
  rumored: 'Unconfirmed:',
  in_talks: 'Unconfirmed, nothing signed yet:',
  announced: 'Unconfirmed, reportedly agreed:',
  launched: 'Unconfirmed, reportedly live:',
  ended: 'Unconfirmed, reportedly over:',
  denied: 'Unconfirmed, reportedly denied:',
};

export function describeCertainty(status: DealStatus, unconfirmed: boolean, kinds: readonly DealKind[] = []): string {
  if (status === 'launched' && kinds[0] === 'investment_acquisition') {
    return unconfirmed ? 'Unconfirmed, reportedly closed:' : 'Done deal:';
  }
  return (unconfirmed ? UNCONFIRMED : CONFIRMED)[status];
}

/** The prefix of a background point: "Nothing is signed yet (background):". */
export function backgroundPrefix(prefix: string): string {
  return prefix.replace(/:$/, ' (background):');
}

/** Every prefix describeCertainty can return (for tests and for consumers that strip it). */
export const CERTAINTY_PREFIXES: readonly string[] = [
  ...new Set([...Object.values(CONFIRMED), ...Object.values(UNCONFIRMED), 'Done deal:', 'Unconfirmed, reportedly closed:']),
];
