/** Shared by the takeaway tests: the labeled dev sets and a classification to vary. */
import fs from 'fs';
import path from 'path';
import { backgroundPrefix } from '../../src/deals/takeaways';
import type { TakeawaySource } from '../../src/deals/takeaways';
import type { Classification, DealKind, DealStatus } from '../../src/deals/types';
export interface DevItem {
  id: string;
  title: string;
  summary: string;
  url: string;
  source: string;
  category: 'positive' | 'hard_negative' | 'off_topic';
  parties: string[];
  status: DealStatus | null;
  kind: DealKind[];
}

export const readSet = (file: string): DevItem[] =>
  fs
    .readFileSync(path.resolve(__dirname, '../../../shared/corpus', file), 'utf8')
    .split('\n')
    .filter((l) => l.trim().length > 0)
    .map((l) => JSON.parse(l) as DevItem);
export const DEV = readSet('deals-dev.jsonl');
export const POSITIVES = DEV.filter((d) => d.category === 'positive');
/** Both dev sets' positives: the second is mostly companies outside the famous ten. */
export const ALL_POSITIVES = [...POSITIVES, ...readSet('deals-dev-2.jsonl').filter((d) => d.category === 'positive')];

/** How a point opens: the certainty prefix, or its background form ("Agreed, not live yet (background):"). */
export const opensWith = (text: string, prefix: string) => text.startsWith(`${prefix} `) || text.startsWith(`${backgroundPrefix(prefix)} `);

export function classification(over: Partial<Classification> = {}): Classification {
  return {
    isPartnership: true,
    confidence: 0.9,
    parties: ['Netflix', 'Spotify'],
    status: 'announced',
    kinds: ['live_events'],
    unconfirmed: false,
    evidence: [],
    explanation: 'test',
    ...over,
  };
}

export const sourceOf = (d: DevItem): TakeawaySource => ({ title: d.title, summary: d.summary, link: d.url, sourceName: d.source });
export const labelsOf = (d: DevItem): Classification =>
  classification({ parties: d.parties, status: d.status, kinds: d.kind, unconfirmed: false });

export const NETFLIX: TakeawaySource = {
  title: 'Netflix and Spotify in talks to team up on award shows and live concerts',
  summary:
    'Netflix is in talks with Spotify about streaming award shows. The deal could give artists a new stage ' +
    'for live performances in front of a global audience. Shares of both companies rose on Tuesday.',
  link: 'https://news.example/netflix-spotify',
  sourceName: 'Example News',
};
