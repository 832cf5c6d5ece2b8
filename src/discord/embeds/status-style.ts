import type { DealStatus } from '../../deals/types';

/** Each status's colour and emoji, so a channel reads at a glance. */
export const STATUS_STYLE: Record<DealStatus, { color: number; emoji: string; label: string }> = {
  rumored: { color: 0x95a5a6, emoji: '💬', label: 'Rumored' },
  in_talks: { color: 0xf1c40f, emoji: '🤝', label: 'In talks' },
  announced: { color: 0x3498db, emoji: '📣', label: 'Announced' },
  launched: { color: 0x2ecc71, emoji: '🚀', label: 'Launched' },
  ended: { color: 0x7f1d1d, emoji: '🛑', label: 'Ended' },
  denied: { color: 0xe74c3c, emoji: '🚫', label: 'Denied' },
};

export function describeStatus(status: DealStatus, unconfirmed: boolean): string {
  const style = STATUS_STYLE[status];
  return `${style.emoji} ${style.label}${unconfirmed ? ' · unconfirmed' : ''}`;
}

const KIND_LABELS: Record<string, string> = {
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

export function kindLabel(kind: string): string {
  return KIND_LABELS[kind] ?? kind;
}
