import type { TestEntry } from './rss';

/**
 * Parties the classifier knows: every pair of them is a deal of its own (561 pairs). Amazon is left out:
 * the gazetteer knows it owns Twitch, and the classifier then sees no deal between two parties.
 */
const PARTIES = [
  'Netflix', 'Spotify', 'Universal Music Group', 'Sony Music', 'Warner Music Group', 'TikTok', 'YouTube', 'Apple Music', 'Deezer',
  'SiriusXM', 'Live Nation', 'Ticketmaster', 'iHeartMedia', 'Tencent', 'Disney', 'Paramount', 'Roblox', 'Twitch', 'Meta', 'Tidal',
  'SoundCloud', 'Audiomack', 'Boomplay', 'Anghami', 'JioSaavn', 'Kobalt', 'DistroKid', 'HYBE', 'Snap', 'Discord', 'Reddit', 'Vevo',
  'Bandcamp', 'Fortnite',
];

/**
 * `count` feed entries, each a signed deal between a pair of parties no other entry has (so each is
 * a story of its own), published `hoursAgo` ago; `from` skips that many pairs (another batch).
 */
export function dealStories(count: number, options: { from?: number; hoursAgo?: number; prefix?: string } = {}): TestEntry[] {
  const pairs: [string, string][] = [];
  for (let i = 0; i < PARTIES.length; i += 1) for (let j = i + 1; j < PARTIES.length; j += 1) pairs.push([PARTIES[i] as string, PARTIES[j] as string]);
  const from = options.from ?? 0;
  if (from + count > pairs.length) throw new Error(`at most ${pairs.length} distinct deal stories`);
  return pairs.slice(from, from + count).map(([a, b], i) => ({
    guid: `${options.prefix ?? 'deal'}-${from + i}`,
    title: `${a} and ${b} sign multi-year licensing agreement`,
    description: `${a} and ${b} have signed a multi-year licensing agreement, the companies announced.`,
    link: `https://news.example/${options.prefix ?? 'deal'}-${from + i}`,
    published: options.hoursAgo ?? 1,
  }));
}
