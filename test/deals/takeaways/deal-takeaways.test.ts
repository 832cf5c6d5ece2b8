/** Takeaways across a deal's reports, and what they never let through into Discord. */
import { writeDealTakeaways, writeTakeaways } from '../../../src/deals/takeaways';
import type { Takeaway, TakeawaySource } from '../../../src/deals/takeaways';
import { STATUSES } from '../../../src/deals/types';
import type { Classification } from '../../../src/deals/types';
import type { DevItem } from '../../support/takeaway-fixtures';
import { classification, labelsOf, NETFLIX, opensWith, POSITIVES, sourceOf } from '../../support/takeaway-fixtures';

describe('Discord safety', () => {
  const hostile: TakeawaySource = {
    title: '@everyone **Netflix** and Spotify deal',
    summary:
      '@everyone <@123456789012345678> <@&987654321098765432> **Artists** will get __royalties__ from every ' +
      'stream under the deal, says [our report](https://evil.example/x) @here.\n' +
      '> # Fans can watch concerts live ||spoiler|| at `https://evil.example/y` now.',
  };

  it('never creates a mention, markdown or a link', () => {
    for (const status of STATUSES) {
      const points = writeTakeaways(hostile, classification({ status, parties: ['@everyone', 'Spotify'] }));
      expect(points.length).toBeGreaterThanOrEqual(2);
      for (const p of points) {
        expect(p.text).not.toMatch(/@|<[@#]|\*\*|__|\|\||`|\]\(|https?:|^>|#/);
      }
    }
  });

  it('keeps the words of a neutralised sentence, and no stray word where a mention was', () => {
    const points = writeTakeaways(hostile, classification({ status: 'announced' }));
    expect(points[0]?.text).toBe('Agreed, not live yet: Artists will get royalties from every stream under the deal, says our report.');
    // The second sentence loses a link mid-sentence ("live at now"): it is never quoted.
    expect(points.some((p) => /at now/.test(p.text))).toBe(false);
  });
});

describe('writeDealTakeaways', () => {
  const sameStory = (sourceName: string, link: string): TakeawaySource => ({ ...NETFLIX, sourceName, link });
  const entry = (source: TakeawaySource, over: Partial<Classification> = {}) => ({
    source,
    classification: classification({ status: 'in_talks', ...over }),
  });

  it('shows the same point from several outlets once, citing the first', () => {
    const points = writeDealTakeaways([
      entry(sameStory('Outlet A', 'https://a.example/1')),
      entry(sameStory('Outlet B', 'https://b.example/1')),
      entry(sameStory('Outlet C', 'https://c.example/1')),
    ]);
    expect(points.length).toBeGreaterThanOrEqual(2);
    expect(points.length).toBeLessThanOrEqual(4);
    for (let i = 0; i < points.length; i += 1) {
      for (let j = i + 1; j < points.length; j += 1) {
        expect(points[i]!.text.slice(0, 60)).not.toBe(points[j]!.text.slice(0, 60));
      }
    }
    // Latest first: the last entry's outlet is cited by the first point.
    expect(points[0]?.sourceName).toBe('Outlet C');
  });

  it('takes article points from each story in turn, each citing its own source', () => {
    const other: TakeawaySource = {
      title: 'Spotify and Netflix talk shop',
      summary: 'Songwriters could see new royalties from the shows, people familiar said.',
      link: 'https://d.example/2',
      sourceName: 'Outlet D',
    };
    const twoPoints: TakeawaySource = {
      ...sameStory('Outlet A', 'https://a.example/1'),
      summary: `${NETFLIX.summary} Fans would be pointed to the performers' catalogues on Spotify after each show.`,
    };
    const points = writeDealTakeaways([entry(twoPoints), entry(other)], 4);
    const articles = points.filter((p) => p.basis === 'article');
    // Latest story first, then in turn: D's first, A's first, then A's second (D has no second).
    expect(articles.map((p) => p.sourceName)).toEqual(['Outlet D', 'Outlet A', 'Outlet A']);
    expect(articles.map((p) => p.sourceLink)).toEqual(['https://d.example/2', 'https://a.example/1', 'https://a.example/1']);
    expect(articles[0]?.text).toContain('Songwriters could see new royalties');
    expect(points.some((p) => p.basis === 'background')).toBe(true);
  });

  it('uses only the reports at the current status, latest status first', () => {
    const launched: TakeawaySource = {
      title: 'Netflix and Spotify launch their concert series',
      summary: 'Fans can now watch the concerts on Netflix, with playlists on Spotify.',
      link: 'https://e.example/3',
      sourceName: 'Outlet E',
    };
    const points = writeDealTakeaways([entry(sameStory('Outlet A', 'https://a.example/1')), entry(launched, { status: 'launched' })]);
    expect(points.length).toBeGreaterThanOrEqual(2);
    for (const p of points) expect(opensWith(p.text, 'Live now:')).toBe(true);
    const articles = points.filter((p) => p.basis === 'article');
    expect(articles.length).toBeGreaterThan(0);
    expect(articles.every((p) => p.sourceName === 'Outlet E')).toBe(true);
  });

  it('follows the status the tracker gives when a weaker later report came in', () => {
    const confirmed = entry(sameStory('Outlet A', 'https://a.example/1'), { status: 'announced' });
    const weaker = entry(sameStory('Outlet B', 'https://b.example/1'), { status: 'in_talks', unconfirmed: true });
    const points = writeDealTakeaways([confirmed, weaker], 4, 'announced');
    expect(points.length).toBeGreaterThanOrEqual(2);
    for (const p of points) expect(opensWith(p.text, 'Agreed, not live yet:')).toBe(true);
  });

  it('puts confirmed reports before unconfirmed ones at the same status', () => {
    const points = writeDealTakeaways([
      entry(sameStory('Outlet A', 'https://a.example/1'), { status: 'announced' }),
      entry(sameStory('Outlet B', 'https://b.example/1'), { status: 'announced', unconfirmed: true }),
    ]);
    expect(points[0]?.sourceName).toBe('Outlet A');
    expect(points[0]?.text.startsWith('Agreed, not live yet: ')).toBe(true);
  });

  it('respects the limit and ignores non-partnership entries', () => {
    const many = [1, 2, 3].map((n) => entry(sameStory(`Outlet ${n}`, `https://${n}.example/`)));
    expect(writeDealTakeaways(many, 2)).toHaveLength(2);
    expect(writeDealTakeaways(many, 0)).toEqual([]);
    expect(writeDealTakeaways([entry(NETFLIX, { isPartnership: false, status: null })])).toEqual([]);
    expect(writeDealTakeaways([])).toEqual([]);
  });

  it('never repeats a near-identical point across the dev set deals', () => {
    // Group the dev positives by their party set: the same deal reported by several items.
    const deals = new Map<string, DevItem[]>();
    for (const d of POSITIVES) {
      const key = [...d.parties].sort().join('|');
      deals.set(key, [...(deals.get(key) ?? []), d]);
    }
    const multi = [...deals.values()].filter((items) => items.length > 1);
    expect(multi.length).toBeGreaterThan(3);
    for (const items of multi) {
      const points: Takeaway[] = writeDealTakeaways(items.map((d) => ({ source: sourceOf(d), classification: labelsOf(d) })));
      const bodies = points.map((p) => p.text.replace(/^[^:]+:\s/, ''));
      expect(new Set(bodies).size).toBe(bodies.length);
      for (const p of points.filter((t) => t.basis === 'article')) expect(items.some((d) => d.url === p.sourceLink)).toBe(true);
    }
  });
});
