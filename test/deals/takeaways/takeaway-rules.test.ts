import fs from 'fs';
import path from 'path';
import { repeatsHeadline } from '../../../src/deals/takeaways/artist-sentences';
import { writeDealTakeaways, writeTakeaways } from '../../../src/deals/takeaways';
import type { Takeaway, TakeawaySource } from '../../../src/deals/takeaways';
import type { Classification, DealKind, DealStatus } from '../../../src/deals/types';

/**
 * Issue 7, part 7: takeaways worth reading. Every item here is written for these tests (none is
 * taken from the dev sets); the dev sets are only read to check that no rule is broken on them.
 */

function deal(parties: string[], kinds: DealKind[], status: DealStatus, over: Partial<Classification> = {}): Classification {
  return { isPartnership: true, confidence: 0.9, parties, status, kinds, unconfirmed: false, evidence: [], explanation: 'test', ...over };
}
const source = (title: string, summary: string): TakeawaySource => ({ title, summary, link: 'https://wire.example/story', sourceName: 'Music Wire' });
const texts = (points: readonly Takeaway[]) => points.map((p) => p.text);
const background = (points: readonly Takeaway[]) => points.filter((p) => p.basis === 'background').map((p) => p.text).join('\n');

describe('no point merely repeats the headline or summary', () => {
  it('never quotes the headline, nor a lead that says it again in other words, even one that names artists', () => {
    const title = 'Deezer signs licensing deal with Believe covering independent artists';
    const points = writeTakeaways(
      source(title, 'Deezer has agreed a licensing deal with Believe that covers the independent artists it distributes. The service will also pay those artists more for each stream from fans who follow them.'),
      deal(['Deezer', 'Believe'], ['licensing'], 'announced'),
    );
    expect(texts(points).some((t) => t.includes('covers the independent artists'))).toBe(false);
    expect(texts(points).some((t) => t.includes(title))).toBe(false);
    expect(points[0]).toMatchObject({ basis: 'article', text: 'Agreed, not live yet: The service will also pay those artists more for each stream from fans who follow them.' });
  });

  it('never quotes a sentence that only states the deal, with nothing on artists, fans or their money', () => {
    const points = writeTakeaways(
      source('Boomplay and Sony Music sign licensing deal', 'Boomplay and Sony Music have signed a new multi-year agreement that brings the label\'s recorded catalogue to the platform in more markets.'),
      deal(['Boomplay', 'Sony Music'], ['licensing'], 'announced'),
    );
    expect(points.map((p) => p.basis)).toEqual(['background', 'background']);
  });

  it('holds on both dev sets: no article point repeats its headline', () => {
    for (const file of ['deals-dev.jsonl', 'deals-dev-2.jsonl']) {
      const items = fs.readFileSync(path.resolve(__dirname, '../../../../shared/corpus', file), 'utf8').split('\n').filter(Boolean)
        .map((l) => JSON.parse(l) as { id: string; title: string; summary: string; category: string; parties: string[]; status: DealStatus; kind: DealKind[] })
        .filter((d) => d.category === 'positive');
      for (const d of items) {
        for (const p of writeTakeaways(source(d.title, d.summary), deal(d.parties, d.kind, d.status)).filter((t) => t.basis === 'article')) {
          const body = p.text.replace(/^[^:]+:\s/, '');
          expect({ id: d.id, body, repeats: repeatsHeadline(body, d.title, d.parties) }).toEqual({ id: d.id, body, repeats: false });
        }
      }
    }
  });
});

describe('background points are labelled as background and never credited; a point from an article cites it', () => {
  it('labels and credits each point by where it comes from', () => {
    const points = writeTakeaways(
      source('Tidal and Warner Music Group renew licence', 'The renewal means songwriters keep earning royalties when fans stream their music on Tidal.'),
      deal(['Tidal', 'Warner Music Group'], ['licensing'], 'announced'),
    );
    expect(points.length).toBeGreaterThanOrEqual(2);
    for (const p of points) {
      if (p.basis === 'article') {
        expect(p).toMatchObject({ sourceLink: 'https://wire.example/story', sourceName: 'Music Wire' });
        expect(p.text).toMatch(/^Agreed, not live yet: /);
      } else {
        expect(p).toEqual({ basis: 'background', text: expect.stringMatching(/^Agreed, not live yet \(background\): /) });
      }
    }
    expect(points.map((p) => p.basis)).toEqual(['article', 'background', 'background']);
  });

  it('keeps background uncredited across a deal\'s stories too', () => {
    const entry = (title: string, summary: string, link: string) => ({
      source: { title, summary, link, sourceName: link },
      classification: deal(['Tidal', 'Warner Music Group'], ['licensing'], 'announced'),
    });
    const points = writeDealTakeaways([
      entry('Tidal and Warner Music Group renew licence', 'Nothing else is known.', 'https://a.example/1'),
      entry('Warner Music and Tidal extend deal', 'Artists will be paid more for each stream under the renewed terms.', 'https://b.example/2'),
    ]);
    expect(points.filter((p) => p.basis === 'background').every((p) => p.sourceLink === undefined && p.sourceName === undefined)).toBe(true);
    expect(points.filter((p) => p.basis === 'article').map((p) => p.sourceLink)).toEqual(['https://b.example/2']);
  });
});

describe('points fit the kind, the status and the parties\' types', () => {
  const nothingOnArtists = 'The companies gave no further details.';

  it('a label–platform licence speaks of catalogue availability and royalties', () => {
    const points = writeTakeaways(source('Sony Music licenses its catalogue to Boomplay', nothingOnArtists), deal(['Sony Music', 'Boomplay'], ['licensing'], 'announced'));
    expect(background(points)).toMatch(/catalogue from Sony Music is on Boomplay .*royalties/);
  });

  it('an acquisition of a distributor or a publisher speaks of contracts, catalogue and services, for the company bought', () => {
    const distributor = writeTakeaways(source('Sony Music to buy distributor DistroKid', nothingOnArtists), deal(['Sony Music', 'DistroKid'], ['investment_acquisition'], 'in_talks'));
    expect(background(distributor)).toMatch(/if DistroKid changes hands, artists' distribution contracts, catalogues and services go with it/);
    const publisher = writeTakeaways(source('DistroKid buys music publisher Kobalt', nothingOnArtists), deal(['DistroKid', 'Kobalt'], ['investment_acquisition'], 'launched'));
    expect(background(publisher)).toMatch(/with new owners at Kobalt, songwriter contracts usually carry over, but catalogue plans, sync pitching and admin services can change/);
    expect(background(publisher)).not.toMatch(/DistroKid/);
  });

  it('ticketing speaks of presales, fees and fan access', () => {
    const points = writeTakeaways(source('AXS becomes ticket seller for Coachella', nothingOnArtists), deal(['AXS', 'Coachella'], ['ticketing'], 'announced'));
    expect(background(points)).toMatch(/presale access, booking fees and where fans buy/);
    const onPlatform = writeTakeaways(source('Ticketmaster listings come to Deezer', nothingOnArtists), deal(['Deezer', 'Ticketmaster'], ['integration', 'ticketing'], 'launched'));
    expect(background(onPlatform)).toMatch(/fans can find your shows on Deezer and buy through Ticketmaster; check its presale access and the fees fans pay/);
  });

  it('AI licensing speaks of consent, credit, compensation and opt-out', () => {
    const points = writeTakeaways(source('Udio signs licence with Warner Music Group', nothingOnArtists), deal(['Udio', 'Warner Music Group'], ['licensing'], 'announced'));
    expect(background(points)).toMatch(/consent, credit, compensation and opt-out: how Udio may use your music/);
  });

  it('platform–platform video speaks of performance slots and sync', () => {
    const points = writeTakeaways(source('Twitch and Deezer team up on live video', nothingOnArtists), deal(['Twitch', 'Deezer'], ['video', 'live_events'], 'announced'));
    expect(background(points)).toMatch(/performance slots for artists and sync use of music/);
  });

  it('follows the status: would, does, did', () => {
    const at = (status: DealStatus) => background(writeTakeaways(source('Sony Music and Boomplay licence', nothingOnArtists), deal(['Sony Music', 'Boomplay'], ['licensing'], status)));
    expect(at('in_talks')).toMatch(/^Nothing is signed yet \(background\): a licence would decide whether catalogue from Sony Music is on Boomplay/);
    expect(at('launched')).toMatch(/^Live now \(background\): catalogue from Sony Music is licensed on Boomplay/);
    expect(at('ended')).toMatch(/^It's over \(background\): without a licence, catalogue from Sony Music can be pulled from Boomplay/);
    expect(at('denied')).not.toMatch(/licen/);
  });

  it('falls back on the kind\'s own words for companies the gazetteer does not know', () => {
    const points = writeTakeaways(source('Alpha Stream licenses Beta Records catalogue', nothingOnArtists), deal(['Alpha Stream', 'Beta Records'], ['licensing'], 'announced'));
    expect(background(points)).toMatch(/a licence sets where music can be used and what is paid for it/);
  });
});

describe('no stray words when mention syntax is removed', () => {
  it('drops @here and @everyone entirely, and never quotes a sentence a mention or link sat inside', () => {
    const points = writeTakeaways(
      source(
        'Deezer and Sony Music sign licence',
        'Artists, @here, will earn royalties on every stream from @everyone fans @here. Thanks to <@123456789012345678> for the tip, artists will be paid monthly. Fans can hear the catalogue at https://evil.example/x from today.',
      ),
      deal(['Deezer', 'Sony Music'], ['licensing'], 'announced'),
    );
    expect(points[0]).toMatchObject({ basis: 'article', text: 'Agreed, not live yet: Artists will earn royalties on every stream from fans.' });
    expect(texts(points).join('\n')).not.toMatch(/\bhere\b|\beveryone\b|Thanks to for|at from/);
  });
});
