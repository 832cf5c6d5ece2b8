import { writeDealTakeaways } from './deal-takeaways';
import type { Takeaway } from './takeaway-types';
import type { StorySource } from '../tracking-types';
import type { DealStatus } from '../types';

/** Takeaways over tracked story sources (a story's, or a deal's across its stories). */
export function takeawaysForSources(sources: readonly StorySource[], currentStatus: DealStatus, limit = 3): Takeaway[] {
  return writeDealTakeaways(
    sources.map((source) => ({
      source: { title: source.title, summary: source.summary, link: source.link, sourceName: source.feedName },
      classification: {
        isPartnership: true,
        confidence: source.confidence,
        parties: source.parties,
        status: source.status,
        kinds: source.kinds,
        unconfirmed: source.unconfirmed,
        evidence: [],
        explanation: '',
      },
    })),
    limit,
    currentStatus,
  );
}
