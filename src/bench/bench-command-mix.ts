import { STATUSES } from '../deals/types';
import { createSeededRandom } from '../shared/seeded-random';

/**
 * A realistic mix of what members ask, for the slash-command latency benchmark: /deal status with
 * free text in the ways people type it, /deal list with and without filters, /deal timeline,
 * /news latest, /news search, and autocomplete on the deal option as someone types a party's name.
 * Deterministic (seeded), so every run asks the same questions.
 */
export type CommandKind = 'deal status' | 'deal list' | 'deal timeline' | 'news latest' | 'news search' | 'deal autocomplete';

export interface MixEntry {
  kind: CommandKind;
  name: string;
  subcommand: string;
  options: Record<string, string | number>;
  /** Set for autocomplete: the option being typed. */
  focused?: string;
}

const WEIGHTS: [CommandKind, number][] = [
  ['deal status', 0.25],
  ['deal list', 0.15],
  ['deal timeline', 0.15],
  ['news latest', 0.15],
  ['news search', 0.15],
  ['deal autocomplete', 0.15],
];
export const COMMAND_KINDS: CommandKind[] = WEIGHTS.map(([kind]) => kind);

const SEARCH_WORDS = ['award shows', 'podcast', 'catalogue licensing', 'live concerts', 'royalty', 'bundle', 'acquisition', 'music videos', 'ticketing', 'denies talks'];

export function createCommandMix(count: number, partySets: string[][], seed = 11): MixEntry[] {
  const random = createSeededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const parties = (): [string, string] => {
    const set = pick(partySets);
    return [set[0] ?? 'Spotify', set[1] ?? 'Netflix'];
  };
  const dealText = (): string => {
    const [a, b] = parties();
    return pick([`${a} ${b}`, `${b} x ${a}`, `${a.toLowerCase()} ${b.toLowerCase()}`, `${a} × ${b}`, `${a} and ${b}`]);
  };
  const kindAt = (r: number): CommandKind => {
    let sum = 0;
    for (const [kind, weight] of WEIGHTS) {
      sum += weight;
      if (r < sum) return kind;
    }
    return 'deal status';
  };
  return Array.from({ length: count }, (): MixEntry => {
    const kind = kindAt(random());
    switch (kind) {
      case 'deal status':
        return { kind, name: 'deal', subcommand: 'status', options: { deal: dealText() } };
      case 'deal timeline':
        return { kind, name: 'deal', subcommand: 'timeline', options: { deal: dealText() } };
      case 'deal list': {
        const options: Record<string, string> = {};
        if (random() < 0.4) options.status = pick(STATUSES);
        if (random() < 0.3) options.party = parties()[0];
        return { kind, name: 'deal', subcommand: 'list', options };
      }
      case 'news latest': {
        const options: Record<string, string | number> = {};
        if (random() < 0.4) options.party = parties()[0];
        if (random() < 0.5) options.count = 1 + Math.floor(random() * 10);
        return { kind, name: 'news', subcommand: 'latest', options };
      }
      case 'news search':
        return { kind, name: 'news', subcommand: 'search', options: { query: random() < 0.5 ? pick(SEARCH_WORDS) : `${parties()[0]} ${pick(SEARCH_WORDS)}` } };
      case 'deal autocomplete': {
        const name = parties()[0];
        return { kind, name: 'deal', subcommand: pick(['status', 'timeline']), options: { deal: name.slice(0, 1 + Math.floor(random() * name.length)) }, focused: 'deal' };
      }
    }
  });
}

