import { classify } from './helpers';
import { KINDS, STATUSES } from '../../../src/deals/types';

/** Kinds, evidence positions, the explanation and determinism (hand-written items). */

describe('kinds', () => {
  it.each([
    ['investment_acquisition', 'Warner Music Group acquires stake in Audiomack', 'Warner Music Group has bought a minority stake in Audiomack.'],
    ['licensing', 'Snap signs licensing deal with Kobalt', 'Snap Inc signed a music licensing agreement with Kobalt covering its catalogue.'],
    ['bundling', 'Vodafone bundles Deezer with mobile plans', 'Vodafone customers on mobile plans get Deezer Premium included.'],
    ['live_events', 'Hulu to livestream Coachella', 'Hulu signed a deal to livestream the Coachella festival.'],
    ['playlists_podcasts', 'Audible licenses podcasts from Wondery', 'Audible signed a deal to license podcasts from Wondery.'],
    ['ticketing', 'TikTok partners with Ticketmaster on in-app ticket sales', 'TikTok users can buy tickets through Ticketmaster inside the app.'],
    ['integration', 'Peloton integrates Apple Music into its classes', 'Peloton has partnered with Apple Music to integrate playlists into its app.'],
    ['content_coproduction', 'BMG and Netflix to co-produce music documentaries', 'BMG and Netflix will co-produce a slate of documentaries from the BMG catalogue.'],
  ])('%s', (kind, title, summary) => {
    const c = classify(title, summary);
    expect(c.isPartnership).toBe(true);
    expect(c.kinds).toContain(kind);
  });

  it('a podcast-company acquisition is investment first, podcasts second', () => {
    const c = classify('iHeartMedia acquires Stitcher', 'iHeartMedia has agreed to acquire podcast company Stitcher.');
    expect(c.kinds.slice(0, 2)).toEqual(['investment_acquisition', 'playlists_podcasts']);
  });
});

describe('evidence and explanation', () => {
  const title = 'Spotify in talks to acquire Audiomack';
  const summary = 'Spotify is in advanced talks to buy Audiomack, according to people familiar with the matter.';
  const c = classify(title, summary);
  const text = `${title}\n${summary}`;

  it('every evidence offset points at its text in title + "\\n" + summary', () => {
    expect(c.evidence.length).toBeGreaterThan(3);
    for (const e of c.evidence) expect(text.slice(e.start, e.end)).toBe(e.text);
  });

  it('records evidence for each decided field', () => {
    const fields = new Set(c.evidence.map((e) => e.field));
    for (const f of ['is_partnership', 'parties', 'status', 'kind', 'unconfirmed']) expect(fields.has(f as never)).toBe(true);
  });

  it('explains in one sentence', () => {
    expect(c.explanation).toMatch(/^Deal between Spotify and Audiomack \(in talks, unconfirmed\)/);
    expect(c.explanation.trim().endsWith('.')).toBe(true);
  });

  it('returns only public vocabulary and a confidence between 0 and 1', () => {
    expect(STATUSES).toContain(c.status);
    c.kinds.forEach((k) => expect(KINDS).toContain(k));
    expect(c.confidence).toBeGreaterThan(0);
    expect(c.confidence).toBeLessThanOrEqual(1);
  });

  it('is deterministic', () => {
    expect(classify(title, summary)).toEqual(c);
  });

  it('a non-deal has no parties, status or kinds but still explains itself', () => {
    const n = classify('Spotify reports record quarter', 'Spotify said subscribers grew 12%.');
    expect(n).toMatchObject({ isPartnership: false, parties: [], status: null, kinds: [], unconfirmed: false });
    expect(n.explanation).toMatch(/^Not a deal/);
  });

  it('copes with empty and odd input', () => {
    expect(classify('', '').isPartnership).toBe(false);
    expect(classify('???', '... ;; --').isPartnership).toBe(false);
  });
});
