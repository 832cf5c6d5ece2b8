import { backgroundPrefix } from '../../../src/deals/takeaways/certainty-prefix';
import { CERTAINTY_PREFIXES, describeCertainty, findUngroundedNumbers, MAX_TAKEAWAY_LENGTH, writeTakeaways } from '../../../src/deals/takeaways';
import { KINDS, STATUSES } from '../../../src/deals/types';
import type { DealStatus } from '../../../src/deals/types';
import type { DevItem } from '../../support/takeaway-fixtures';
import { ALL_POSITIVES, classification, DEV, labelsOf, NETFLIX, opensWith, POSITIVES, sourceOf } from '../../support/takeaway-fixtures';

describe('certainty prefix', () => {
  const expected: Record<DealStatus, [string, string]> = {
    rumored: ['Unconfirmed:', 'Unconfirmed:'],
    in_talks: ['Nothing is signed yet:', 'Unconfirmed, nothing signed yet:'],
    announced: ['Agreed, not live yet:', 'Unconfirmed, reportedly agreed:'],
    launched: ['Live now:', 'Unconfirmed, reportedly live:'],
    ended: ["It's over:", 'Unconfirmed, reportedly over:'],
    denied: ['Denied:', 'Unconfirmed, reportedly denied:'],
  };

  for (const status of STATUSES) {
    for (const unconfirmed of [false, true]) {
      const prefix = expected[status][unconfirmed ? 1 : 0];
      it(`opens every point of a ${status}${unconfirmed ? ', unconfirmed' : ''} deal with "${prefix}"`, () => {
        expect(describeCertainty(status, unconfirmed)).toBe(prefix);
        const points = writeTakeaways(NETFLIX, classification({ status, unconfirmed }));
        expect(points.length).toBeGreaterThanOrEqual(2);
        for (const p of points) expect(opensWith(p.text, prefix)).toBe(true);
      });
    }
  }

  it('calls a closed acquisition a done deal', () => {
    expect(describeCertainty('launched', false, ['investment_acquisition'])).toBe('Done deal:');
    expect(describeCertainty('launched', true, ['investment_acquisition'])).toBe('Unconfirmed, reportedly closed:');
    expect(describeCertainty('launched', false, ['bundling', 'investment_acquisition'])).toBe('Live now:');
  });

  it('lists every prefix it can return, each starting with a capital and ending with a colon', () => {
    expect(CERTAINTY_PREFIXES).toHaveLength(13);
    for (const p of CERTAINTY_PREFIXES) expect(p).toMatch(/^[A-Z][^:]*:$/);
  });
});

describe('writeTakeaways on both dev sets (labels as the classification)', () => {
  it.each(ALL_POSITIVES.map((d) => [d.id, d] as const))('%s gives 2 to 4 short, prefixed points, article points cited', (_id, d) => {
    const points = writeTakeaways(sourceOf(d), labelsOf(d));
    expect(points.length).toBeGreaterThanOrEqual(2);
    expect(points.length).toBeLessThanOrEqual(4);
    const prefix = describeCertainty(d.status!, false, d.kind);
    for (const p of points) {
      expect(p.text.startsWith(p.basis === 'article' ? `${prefix} ` : `${backgroundPrefix(prefix)} `)).toBe(true);
      expect(p.text.length).toBeLessThanOrEqual(MAX_TAKEAWAY_LENGTH);
      expect(p.sourceLink).toBe(p.basis === 'article' ? d.url : undefined);
      expect(p.sourceName).toBe(p.basis === 'article' ? d.source : undefined);
      expect(p.text).not.toMatch(/\s{2}|\s[.,;:]$/);
    }
    expect(new Set(points.map((p) => p.text)).size).toBe(points.length);
  });

  it('grounds a fifth of the positives in a sentence of the article that says what it means for artists', () => {
    // Most summaries are a lead that restates the headline; those are never quoted (takeaway-rules.test.ts).
    const grounded = ALL_POSITIVES.filter((d) =>
      writeTakeaways(sourceOf(d), labelsOf(d)).some((p) => p.basis === 'article'),
    ).length;
    expect(grounded / ALL_POSITIVES.length).toBeGreaterThan(1 / 5);
  });

  it('quotes article points from the article itself (after the prefix, up to a cut)', () => {
    for (const d of ALL_POSITIVES) {
      const text = `${d.title} ${d.summary}`.replace(/\s+/g, ' ');
      for (const p of writeTakeaways(sourceOf(d), labelsOf(d)).filter((t) => t.basis === 'article')) {
        const body = p.text.replace(/^[^:]+:\s/, '').replace(/[.…"]+$/, '');
        // Every run of words between cuts comes from the article (attribution clauses may be dropped).
        for (const fragment of body.split(/,\s/)) {
          expect(text.toLowerCase()).toContain(fragment.slice(1, 30).toLowerCase());
        }
      }
    }
  });
});

describe('never a number absent from the source', () => {
  /** Every dev item, negatives included, as a partnership at every status and with varied kinds. */
  const cases = DEV.flatMap((d, i) =>
    STATUSES.map((status, j) => ({
      d,
      c: classification({
        parties: d.parties.length >= 2 ? d.parties : ['Alpha Media', 'Beta Sound'],
        status,
        kinds: d.kind.length > 0 ? d.kind : [KINDS[(i + j) % KINDS.length]!],
        unconfirmed: (i + j) % 3 === 0,
      }),
    })),
  );

  it(`holds for all ${DEV.length} dev items at every status (findUngroundedNumbers)`, () => {
    let points = 0;
    for (const { d, c } of cases) {
      const source = `${d.title}\n${d.summary}`;
      for (const p of writeTakeaways(sourceOf(d), c)) {
        points += 1;
        expect({ id: d.id, text: p.text, missing: findUngroundedNumbers(p.text, source) }).toEqual({
          id: d.id,
          text: p.text,
          missing: [],
        });
      }
    }
    expect(points).toBeGreaterThan(DEV.length * STATUSES.length * 2);
  });

  it('holds by a plain check too: every digit run of a point is in the source', () => {
    for (const { d, c } of cases) {
      const source = `${d.title}\n${d.summary}`;
      for (const p of writeTakeaways(sourceOf(d), c)) {
        for (const run of p.text.match(/\d+(?:[.,]\d+)*/g) ?? []) expect(source).toContain(run);
      }
    }
  });

  it('drops a point rather than emit a party name with a number the source lacks', () => {
    const points = writeTakeaways(NETFLIX, classification({ parties: ['Channel 4', 'Spotify'], status: 'denied' }));
    for (const p of points) expect(p.text).not.toMatch(/\d/);
    expect(points.length).toBeGreaterThanOrEqual(2);
  });
});

describe('grounding', () => {
  it('picks the sentence about artists when the summary has one', () => {
    const points = writeTakeaways(NETFLIX, classification({ status: 'in_talks' }));
    expect(points[0]).toMatchObject({
      basis: 'article',
      text: 'Nothing is signed yet: The deal could give artists a new stage for live performances in front of a global audience.',
    });
    expect(points.some((p) => p.text.includes('Shares of both companies'))).toBe(false);
  });

  it('picks royalty and catalogue sentences over deal mechanics on real items', () => {
    const byId = (id: string): DevItem => DEV.find((d) => d.id === id)!;
    const warner = writeTakeaways(sourceOf(byId('dev-056')), labelsOf(byId('dev-056')));
    expect(warner[0]?.text).toContain('music videos by Warner artists');
    const kobalt = writeTakeaways(sourceOf(byId('dev-143')), labelsOf(byId('dev-143')));
    expect(kobalt[0]?.text).toContain('royalties');
  });

  it('generalises to items written apart from the dev set', () => {
    const liveNation = writeTakeaways(
      {
        title: 'Live Nation and Netflix in talks over concert specials, sources say',
        summary:
          'Netflix is in early talks with Live Nation about streaming a series of concert specials, according to two ' +
          'people familiar with the matter. The talks could give touring acts a new global audience, one person said. ' +
          'Live Nation declined to comment.',
      },
      classification({ parties: ['Live Nation', 'Netflix'], status: 'in_talks', kinds: ['live_events', 'video'], unconfirmed: true }),
    );
    expect(liveNation[0]?.text).toBe(
      'Unconfirmed, nothing signed yet: The talks could give touring acts a new global audience, one person said.',
    );
    expect(liveNation.some((p) => p.text.includes('declined to comment'))).toBe(false);

    const merlin = writeTakeaways(
      {
        title: 'TikTok and Merlin renew licensing deal',
        summary:
          "TikTok has renewed its licensing agreement with Merlin, the digital rights agency for independent labels. The deal means indie artists' music stays available on TikTok and in its video editor. Financial terms were not disclosed.",
      },
      classification({ parties: ['TikTok', 'Merlin'], status: 'announced', kinds: ['licensing'] }),
    );
    expect(merlin[0]?.text).toBe(
      "Agreed, not live yet: The deal means indie artists' music stays available on TikTok and in its video editor.",
    );
    expect(merlin.some((p) => p.text.includes('not disclosed'))).toBe(false);
  });

  it('uses the denial in the article for a denied deal, when it says more than the headline', () => {
    const title = 'Samsung denies rumours it may acquire Tidal';
    const denied = classification({ status: 'denied', parties: ['Samsung', 'Tidal'], kinds: ['investment_acquisition'] });
    const points = writeTakeaways(
      { title, summary: 'A spokesperson said the company has no plans to buy a streaming service and will keep working with every platform. Fans had wondered.' },
      denied,
    );
    expect(points[0]).toMatchObject({ basis: 'article', text: 'Denied: A spokesperson said the company has no plans to buy a streaming service and will keep working with every platform.' });
    expect(points.slice(1).every((p) => p.basis === 'background')).toBe(true);
    // The same denial in other words is the headline again.
    const again = writeTakeaways({ title, summary: 'A spokesperson told Variety "the rumor of Samsung acquiring Tidal is not true." Fans had wondered.' }, denied);
    expect(again.map((p) => p.basis)).toEqual(['background', 'background']);
  });

  it('falls back on templates when nothing in the article is about artists', () => {
    const points = writeTakeaways(
      { title: 'Alpha buys Beta', summary: 'Alpha will buy Beta. Shares rose sharply on the news.' },
      classification({ parties: ['Alpha', 'Beta'], status: 'in_talks', kinds: ['investment_acquisition'] }),
    );
    expect(points.map((p) => p.basis)).toEqual(['background', 'background']);
    expect(points[0]?.text).toMatch(/^Nothing is signed yet \(background\): a change of owner or a new investor takes effect only if a deal closes/);
  });

  it('names the deal parties in a template and nobody else', () => {
    const points = writeTakeaways(
      { title: 'Alpha and Beta talk licensing', summary: 'Nothing else to see.' },
      classification({ parties: ['Alpha', 'Beta'], status: 'in_talks', kinds: ['licensing'] }),
    );
    expect(points[0]?.text).toContain('between Alpha and Beta');
  });

  it('is deterministic', () => {
    for (const d of POSITIVES.slice(0, 20)) {
      expect(writeTakeaways(sourceOf(d), labelsOf(d))).toEqual(writeTakeaways(sourceOf(d), labelsOf(d)));
    }
  });
});

describe('non-partnerships', () => {
  it('gives no takeaways', () => {
    for (const d of DEV.filter((x) => x.category !== 'positive').slice(0, 30)) {
      const c = classification({ isPartnership: false, parties: [], status: null, kinds: [] });
      expect(writeTakeaways(sourceOf(d), c)).toEqual([]);
    }
  });

  it('gives none for a partnership without a status either', () => {
    expect(writeTakeaways(NETFLIX, classification({ status: null }))).toEqual([]);
  });
});
