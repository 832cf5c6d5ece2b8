import type { Classification, DealKind, DealStatus } from '../deals/types';
import { KINDS } from '../deals/types';
import type { NewsItem } from '../news/item';
import { createSeededRandom } from '../shared/seeded-random';

/**
 * A deterministic synthetic corpus for the deal benchmark: about `deals` deals between parties of
 * very unequal popularity, each a history of events (rumour, talks, deal, launch, sometimes an end or
 * a denial, sometimes a new chapter years later), each event reported by one to four outlets within
 * two days, with their own wording. Most items come from default feeds, some from servers' feeds.
 */
export interface SyntheticOptions {
  items: number;
  deals: number;
  defaultFeeds?: number;
  serverFeeds?: number;
  seed?: number;
}

export interface SyntheticCorpus {
  items: { item: NewsItem; classification: Classification }[];
  defaultFeedUrls: string[];
  serverFeedUrls: string[];
  /** The party sets used, for building queries. */
  partySets: string[][];
}

const REAL_PARTIES = ['Netflix', 'Spotify', 'Universal Music Group', 'Sony Music', 'Warner Music Group', 'TikTok', 'YouTube', 'Apple Music', 'Amazon', 'Deezer', 'SiriusXM', 'Live Nation', 'Ticketmaster', 'iHeartMedia', 'Tencent', 'Disney', 'Paramount', 'Roblox', 'Twitch', 'Meta'];
const STEMS = ['Sono', 'Beat', 'Wave', 'Tune', 'Echo', 'Pulse', 'Vinyl', 'Groove', 'Lyric', 'Chord', 'Tempo', 'Riff', 'Bass', 'Nova', 'Aria', 'Cadence', 'Harmony', 'Melo', 'Rhythm', 'Stage', 'Sonic', 'Vox', 'Vibe', 'Loop', 'Track', 'Mix', 'Fader', 'Reverb', 'Treble', 'Octave'];
const SUFFIXES = ['ify', 'ly', 'box', 'stream', ' Music', ' Records', ' Media', ' TV', ' Live', ' Audio', ' Labs', ' Studios', ' Group', 'Cast', ' Radio', ' Play', ' Tickets', ' Telecom', ' Mobile', ' Networks', ' Publishing', ' Entertainment', ' Games', ' Capital', ' AI', 'wave', 'hub', 'zone', 'sound', 'beat', ' One', ' Plus', ' Go', ' Max', ' Now', ' Pro', ' Prime', ' X', ' Connect', ' Digital'];
const STATUS_VERBS: Record<DealStatus, string[]> = {
  rumored: ['eyes', 'could team up with', 'considers a tie-up with', 'may partner with'],
  in_talks: ['in talks with', 'negotiating with', 'nears deal with', 'in advanced talks with'],
  announced: ['signs deal with', 'strikes agreement with', 'teams up with', 'inks pact with'],
  launched: ['launches with', 'rolls out with', 'goes live with', 'completes deal with'],
  ended: ['ends deal with', 'pulls out of pact with', 'terminates agreement with', 'walks away from'],
  denied: ['denies talks with', 'rejects report of deal with', 'says no deal with', 'dismisses rumours about'],
};
const TOPICS: Record<DealKind, string[]> = {
  content_coproduction: ['documentary series', 'original films', 'co-produced shows'],
  licensing: ['catalogue licensing', 'royalty terms', 'music rights'],
  distribution: ['distribution rights', 'carriage', 'global distribution'],
  bundling: ['subscription bundle', 'mobile plans', 'joint bundle'],
  live_events: ['award shows', 'live concerts', 'festival livestreams'],
  playlists_podcasts: ['podcast slate', 'curated playlists', 'podcast network'],
  video: ['music videos', 'video catalogue', 'streaming video'],
  ticketing: ['ticket presales', 'event listings', 'ticketing platform'],
  investment_acquisition: ['stake purchase', 'acquisition', 'merger'],
  integration: ['in-app integration', 'car dashboards', 'console app'],
};
const FILLER = ['industry', 'fans', 'artists', 'streaming', 'market', 'growth', 'subscribers', 'revenue', 'creators', 'platform', 'global', 'partnership', 'audience', 'expansion', 'exclusive', 'launch', 'catalogue', 'labels', 'listeners', 'strategy'];


export function generateSyntheticDeals(options: SyntheticOptions): SyntheticCorpus {
  const random = createSeededRandom(options.seed ?? 42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const parties = [...REAL_PARTIES];
  for (const stem of STEMS) for (const suffix of SUFFIXES) parties.push(`${stem}${suffix}`);
  // Zipf-like popularity: a few parties are in many deals.
  const zipf = (): string => parties[Math.min(parties.length - 1, Math.floor(parties.length * random() ** 2.2))] as string;

  const defaultFeedUrls = Array.from({ length: options.defaultFeeds ?? 60 }, (_, i) => `https://outlet${i}.example/feed`);
  const serverFeedUrls = Array.from({ length: options.serverFeeds ?? 400 }, (_, i) => `https://server-feed${i}.example/rss`);

  const partySets: string[][] = [];
  const seen = new Set<string>();
  while (partySets.length < options.deals) {
    const size = random() < 0.85 ? 2 : random() < 0.8 ? 3 : 4;
    const set = new Set<string>();
    while (set.size < size) set.add(zipf());
    const key = [...set].sort().join('|');
    if (seen.has(key)) continue;
    seen.add(key);
    partySets.push([...set]);
  }

  const items: SyntheticCorpus['items'] = [];
  const perDeal = options.items / options.deals;
  let n = 0;
  for (let d = 0; d < partySets.length && items.length < options.items; d += 1) {
    const set = partySets[d] as string[];
    const remainingDeals = partySets.length - d;
    const budget = Math.max(1, Math.round((options.items - items.length) / remainingDeals + (random() - 0.5) * perDeal));
    let t = Date.UTC(2012, 0, 1) + random() * (Date.UTC(2026, 0, 1) - Date.UTC(2012, 0, 1));
    let stage = random() < 0.4 ? 0 : 1;
    const kinds: DealKind[] = [pick(KINDS)];
    if (random() < 0.4) kinds.push(pick(KINDS));
    let made = 0;
    while (made < budget && items.length < options.items) {
      const status = nextStatus(stage, random);
      stage = status === 'ended' || status === 'denied' ? 0 : Math.min(3, stage + (random() < 0.6 ? 1 : 0));
      const outlets = Math.min(budget - made, 1 + Math.floor(random() * random() * 4));
      const topic = pick(TOPICS[kinds[0] as DealKind]);
      for (let s = 0; s < outlets; s += 1) {
        n += 1;
        const fromServer = random() < 0.2;
        const feedUrl = fromServer ? pick(serverFeedUrls) : pick(defaultFeedUrls);
        const published = new Date(t + random() * 48 * 3_600_000).toISOString();
        const [a, b] = [set[0] as string, set[1] as string];
        const title = `${a} ${pick(STATUS_VERBS[status])} ${b} on ${topic}`;
        const summary = `${a} and ${set.slice(1).join(' and ')} ${pick(['said', 'confirmed', 'are reported to be working on'])} ${topic}. ${Array.from({ length: 12 }, () => pick(FILLER)).join(' ')}.`;
        const unconfirmed = (status === 'rumored' || status === 'in_talks') && random() < 0.6;
        items.push({
          item: {
            key: `syn-${n}`,
            feedUrl,
            feedName: new URL(feedUrl).hostname,
            link: random() < 0.03 && s > 0 ? `https://news.example/${n - 1}` : `https://news.example/${n}`,
            title,
            summary,
            published,
            categories: [],
            firstSeen: published,
          },
          classification: {
            isPartnership: true,
            confidence: 0.6 + random() * 0.4,
            parties: random() < 0.9 ? set : set.slice(0, 2),
            status,
            kinds,
            unconfirmed,
            evidence: [],
            explanation: 'synthetic',
          },
        });
        made += 1;
      }
      // The next event: days to months later; sometimes years later (a new chapter).
      t += (random() < 0.1 ? 400 + random() * 900 : 3 + random() * 120) * 86_400_000;
    }
  }
  return { items, defaultFeedUrls, serverFeedUrls, partySets };
}

function nextStatus(stage: number, random: () => number): DealStatus {
  const r = random();
  if (r < 0.06) return 'ended';
  if (r < 0.1) return 'denied';
  return (['rumored', 'in_talks', 'announced', 'launched'] as const)[stage] ?? 'announced';
}
