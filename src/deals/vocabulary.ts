/**
 * The public vocabulary of PRODUCT.md section 1, in one place: the statuses and kinds of a deal, and
 * every word, emoji and colour they are shown or said with (posts, replies, autocomplete, the
 * classifier's explanations).
 */
export const STATUSES = ['rumored', 'in_talks', 'announced', 'launched', 'ended', 'denied'] as const;
export type DealStatus = (typeof STATUSES)[number];

export const KINDS = [
  'content_coproduction',
  'licensing',
  'distribution',
  'bundling',
  'live_events',
  'playlists_podcasts',
  'video',
  'ticketing',
  'investment_acquisition',
  'integration',
] as const;
export type DealKind = (typeof KINDS)[number];

export interface StatusWords {
  /** "In talks": lists, choices and filters. */
  label: string;
  /** "in talks": inside a sentence. */
  words: string;
  emoji: string;
  /** The embed colour, so that a channel reads at a glance. */
  color: number;
  /** "moved to talks": what follows "the deal has since …". */
  since: string;
  /** "in talks": the stage as the classifier's explanation names it. */
  explained: string;
}

export const STATUS_WORDS: Record<DealStatus, StatusWords> = {
  rumored: { label: 'Rumored', words: 'rumored', emoji: '💬', color: 0x95a5a6, since: 'been rumored again', explained: 'rumoured' },
  in_talks: { label: 'In talks', words: 'in talks', emoji: '🤝', color: 0xf1c40f, since: 'moved to talks', explained: 'in talks' },
  announced: { label: 'Announced', words: 'announced', emoji: '📣', color: 0x3498db, since: 'been announced', explained: 'announced' },
  launched: { label: 'Launched', words: 'launched', emoji: '🚀', color: 0x2ecc71, since: 'launched', explained: 'live or closed' },
  ended: { label: 'Ended', words: 'ended', emoji: '🛑', color: 0x7f1d1d, since: 'ended', explained: 'ended' },
  denied: { label: 'Denied', words: 'denied', emoji: '🚫', color: 0xe74c3c, since: 'been denied', explained: 'denied by a party' },
};

export const KIND_LABELS: Record<DealKind, string> = {
  content_coproduction: 'Co-production',
  licensing: 'Licensing',
  distribution: 'Distribution',
  bundling: 'Bundling',
  live_events: 'Live events',
  playlists_podcasts: 'Playlists & podcasts',
  video: 'Video',
  ticketing: 'Ticketing',
  investment_acquisition: 'Investment / acquisition',
  integration: 'Integration',
};

/** "in talks", "announced", … as members read them. */
export function statusLabel(status: DealStatus): string {
  return STATUS_WORDS[status].words;
}

/** "🤝 In talks · unconfirmed" */
export function describeStatus(status: DealStatus, unconfirmed: boolean): string {
  const words = STATUS_WORDS[status];
  return `${words.emoji} ${words.label}${unconfirmed ? ' · unconfirmed' : ''}`;
}

/** A kind's label ("Live events"); a word that is no kind is shown as it is. */
export function kindLabel(kind: string): string {
  return (KIND_LABELS as Record<string, string>)[kind] ?? kind;
}
