import type { Signals } from '../../../src/deals/classify/confidence';
import { SIGNALS, bundledConfidenceModel, dealProbability } from '../../../src/deals/classify/confidence';
import { classify } from './helpers';

/** Who is a party, and what is in scope (hand-written items, not from the dev set). */

describe('competitors and sources are never parties', () => {
  it('a rival named in the headline', () => {
    const c = classify('Deezer signs deal with Merlin to take on Spotify', 'Deezer has signed a licensing agreement with indie label agency Merlin, a rival to Spotify and Apple Music.');
    expect(c.isPartnership).toBe(true);
    expect(c.parties.sort()).toEqual(['Deezer', 'Merlin']);
  });

  it('outlets cited as sources', () => {
    const c = classify(
      'Amazon Music in talks with Bandsintown, Bloomberg reports',
      'Amazon Music is in talks to integrate Bandsintown concert listings, according to Bloomberg and The Wall Street Journal.',
    );
    expect(c.parties.sort()).toEqual(['Amazon Music', 'Bandsintown']);
  });

  it('a bid for a "rival" is still a deal with that rival', () => {
    const c = classify('Concord makes rival offer for Reservoir Media', 'Music publisher Concord has made a takeover approach to its smaller rival Reservoir Media.');
    expect(c.parties.sort()).toEqual(['Concord', 'Reservoir Media']);
  });
});

describe('owners, units and one company', () => {
  it('units of one owner are one company: not a partnership', () => {
    const c = classify('Amazon brings Prime Video concerts to Amazon Music', 'Amazon said its Amazon Music app will now stream concerts from Prime Video and Twitch.');
    expect(c.isPartnership).toBe(false);
  });

  it('an owner named as background is not a party', () => {
    const c = classify('Google-owned YouTube signs licensing deal with GEMA', 'YouTube, which is owned by Google, signed a new licensing agreement with GEMA.');
    expect(c.parties.sort()).toEqual(['GEMA', 'YouTube']);
  });
});

describe('ambiguous aliases need context', () => {
  it('"Universal" with music context is the label group', () => {
    const c = classify('Universal signs deal with Audiomack', 'The record company will license its catalog to the streaming app.');
    expect(c.parties).toContain('Universal Music Group');
  });

  it('"Universal" without music context is not resolved to the label', () => {
    const c = classify('Universal and Legendary extend film partnership', 'The studios extended their co-financing pact for five more movies.');
    expect(c.parties).not.toContain('Universal Music Group');
  });

  it('"Max" is the streamer only near streaming words', () => {
    expect(classify('Max and Crunchyroll sign streaming bundle', 'The streaming bundle goes live in the US.').parties).toContain('Warner Bros. Discovery');
    expect(classify('Max Richter signs with Deutsche Grammophon', 'The composer signed a new record deal.').parties).not.toContain('Warner Bros. Discovery');
  });

  it('"Sony" becomes Sony Music when the label group is named', () => {
    const c = classify('Sony signs TikTok licence', 'Sony Music Entertainment signed a new licensing agreement with TikTok.');
    expect(c.parties.sort()).toEqual(['Sony Music', 'TikTok']);
  });

  it('"X" is the social network only in that context', () => {
    const c = classify('X signs video deal with Paramount', 'The social network formerly Twitter agreed to stream Paramount clips in posts.');
    expect(c.parties.sort()).toEqual(['Paramount', 'X']);
  });
});

describe('companies the gazetteer does not know', () => {
  it('become parties when the text makes them one, with lower confidence', () => {
    const known = classify('Spotify acquires Kobalt', 'Spotify has acquired publisher Kobalt.');
    const unknown = classify('Spotify acquires podcast startup Lumen Audio', 'Spotify has acquired podcast startup Lumen Audio for an undisclosed sum.');
    expect(unknown.parties).toEqual(['Spotify', 'Lumen Audio']);
    // confidence is fitted: a party recognised from the text weighs it down, all else equal
    expect(unknown.confidence).toBeLessThanOrEqual(known.confidence);
    const model = bundledConfidenceModel();
    const deal = Object.fromEntries(SIGNALS.map((s) => [s, 0])) as Signals;
    Object.assign(deal, { deal: 1, parties: 2, companies: 2, route_headline: 1, supporting_sentences: 2 });
    expect(dealProbability(model, { ...deal, unknown_parties: 1 })).toBeLessThan(dealProbability(model, deal));
    expect(unknown.evidence.some((e) => e.field === 'parties' && e.rule.includes('lower-confidence'))).toBe(true);
  });

  it('recognised from their suffix, descriptor, apposition or role; people and places never are', () => {
    const c = classify('Lagos streaming service Tunora signs licensing pact with Kolade Records', 'Tunora, the Lagos-based music app, has signed a licensing agreement with Kolade Records, the label founded by singer Ade Bello.');
    expect(c).toMatchObject({ isPartnership: true, parties: ['Tunora', 'Kolade Records'], status: 'announced' });
    const merger = classify('Podcast networks Earshot and Wildline to merge', 'Earshot and Wildline have agreed to merge in an all-stock deal.');
    expect(merger.parties).toEqual(['Earshot', 'Wildline']);
    const artist = classify('Rapper Kofi Blaze inks deal with Velvet Tide Music Group', 'Kofi Blaze has signed a multi-album deal with the label.');
    expect(artist.isPartnership).toBe(false);
    const place = classify('Brazilian DSP Batuque partners with Soundhaven', 'Soundhaven, the independent distributor, has struck a distribution agreement with Batuque, the Sao Paulo-based streaming platform.');
    expect(place.parties.sort()).toEqual(['Batuque', 'Soundhaven']);
  });

  it('a short name and the long one, an acronym and its name, are one company', () => {
    const c = classify('Citadel in talks to be bought by Cumulus', 'Citadel Broadcasting is in talks to be acquired by Cumulus Media, according to people familiar with the matter.');
    expect(c.parties.sort()).toEqual(['Citadel Broadcasting', 'Cumulus Media']);
    const acronym = classify('Invest Bank and United Arab Bank (UAB) sign music fund pact', 'UAB said the agreement with Invest Bank covers a fund for record labels.');
    expect(acronym.parties.sort()).toEqual(['Invest Bank', 'United Arab Bank']);
  });
});

describe('historical mentions are background', () => {
  it('an old acquisition inside product news is not a deal', () => {
    const c = classify(
      'Spotify adds lossless audio for Premium users',
      'The feature is live today. Spotify bought the audio technology company Soundtrap in 2017 to build it.',
      { date: '2025-09-10' },
    );
    expect(c.isPartnership).toBe(false);
  });

  it('a partnership "back in 2019" in an earnings story is not a deal', () => {
    const c = classify('SoundCloud revenue grows 20% in third quarter', 'SoundCloud partnered with Twitch back in 2019; the company reported higher quarterly revenue.', { date: '2023-11-01' });
    expect(c.isPartnership).toBe(false);
  });
});

describe('scope', () => {
  it('an artist deal with a platform is out of scope', () => {
    const c = classify('Dua Lipa signs exclusive podcast deal with Spotify', 'The singer signed her podcast deal with Spotify on Monday.');
    expect(c.isPartnership).toBe(false);
  });

  it('a sports club choosing a ticketing company is out of scope', () => {
    const c = classify('Arsenal picks AXS as ticketing partner', 'Arsenal signed a deal with AXS to sell tickets at the Emirates.');
    expect(c.isPartnership).toBe(false);
  });

  it.each([
    ['Apple and a bank', 'Apple partners with Goldman Sachs on savings account', 'Apple and Goldman Sachs signed an agreement for a new savings product.'],
    ['Google and a security firm', 'Google to acquire cybersecurity firm Mandiant', 'Google agreed to buy Mandiant in a $5.4 billion deal.'],
    ['a carmaker merger', 'Honda and Nissan in merger talks', 'Honda and Nissan are in talks to merge, people familiar said.'],
    ['two telcos', 'T-Mobile agrees to buy US Cellular', 'T-Mobile has agreed to acquire wireless operations of US Cellular.'],
  ])('an off-topic look-alike (%s) is not a deal', (_what, title, summary) => {
    expect(classify(title, summary).isPartnership).toBe(false);
  });

  it('two companies the gazetteer does not know, in no media business, are out of scope and say so', () => {
    const c = classify('Brightwell Pharma agrees to acquire Corvane Therapeutics', 'Brightwell Pharma Inc. agreed to buy Corvane Therapeutics for $2 billion to expand its oncology drugs.');
    expect(c.isPartnership).toBe(false);
    expect(c.explanation).toMatch(/are not music or media companies/);
  });

  it('two unknown companies whose deal is about music are in scope', () => {
    const c = classify('Brightwell Group agrees to acquire Corvane Records', 'Brightwell Group agreed to buy the independent record label Corvane Records and its catalog of recordings.');
    expect(c.isPartnership).toBe(true);
  });
});
