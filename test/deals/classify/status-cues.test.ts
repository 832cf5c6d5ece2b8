import { classify } from './helpers';

/** Status cue families, their precedence and their scope (hand-written items, not from the dev set). */

describe('status cue families', () => {
  it('in talks', () => {
    const c = classify('Deezer in talks to acquire Napster', 'Deezer is negotiating to buy the service, people familiar with the matter said.');
    expect(c).toMatchObject({ isPartnership: true, status: 'in_talks', unconfirmed: true });
  });

  it('rumoured: speculation with no negotiation reported', () => {
    const c = classify('Sony Music could bid for Believe', 'Speculation is growing that Sony Music is eyeing a bid for the French distributor Believe.');
    expect(c).toMatchObject({ isPartnership: true, status: 'rumored', unconfirmed: true });
  });

  it('announced: a signed agreement', () => {
    const c = classify('Audiomack signs licensing deal with Warner Music Group', 'The companies said the multi-year agreement covers Africa and Latin America.');
    expect(c).toMatchObject({ isPartnership: true, status: 'announced', parties: ['Audiomack', 'Warner Music Group'] });
  });

  it('a future launch is announced, not launched', () => {
    const c = classify('Deezer and Sonos launch joint hi-fi offer', 'Deezer and Sonos said the bundle will launch in the third quarter.');
    expect(c.status).toBe('announced');
  });

  it('launched: the product is live', () => {
    const c = classify('SoundCloud integration now live on Discord', 'SoundCloud and Discord have rolled out the feature today for all users.');
    expect(c).toMatchObject({ isPartnership: true, status: 'launched' });
  });

  it('an acquisition that closed is launched; one awaiting closing stays announced', () => {
    expect(classify('Sony Music completes acquisition of Kobalt catalogue', 'The deal closed on Friday.').status).toBe('launched');
    const pending = classify('iHeartMedia acquires Acast', 'iHeartMedia has acquired the podcast company Acast. The deal has not yet closed and is subject to regulatory approval.');
    expect(pending.status).toBe('announced');
  });

  it('ended: a licence that lapsed', () => {
    const c = classify('Tencent Music pulls Warner catalogue as licence expires', 'Tencent Music removed the music after it failed to renew its licensing agreement with Warner Music Group.');
    expect(c).toMatchObject({ isPartnership: true, status: 'ended' });
  });

  it('talks that collapsed are ended', () => {
    const c = classify('Spotify and Deezer merger talks collapse', 'Talks between Spotify and Deezer about a merger fell apart over price.');
    expect(c.status).toBe('ended');
  });
});

describe('denials against declined-to-comment', () => {
  it('a party denying talks is denied', () => {
    const c = classify('Roblox denies report of talks with Universal Music', 'Roblox said it is not in talks with Universal Music Group about an acquisition.');
    expect(c).toMatchObject({ isPartnership: true, status: 'denied', unconfirmed: false });
  });

  it('"has not held talks" from a party is a denial', () => {
    const c = classify('Believe says it has not held talks with Warner Music', 'Believe said it has not held any talks with Warner Music Group about a takeover.');
    expect(c.status).toBe('denied');
  });

  it('"declined to comment" is a hedge, never a denial', () => {
    const c = classify('Amazon in talks to buy stake in Audiomack', 'Amazon is in talks to buy a stake in Audiomack, sources said. Amazon declined to comment.');
    expect(c).toMatchObject({ status: 'in_talks', unconfirmed: true });
  });

  it('"declined to confirm" and "neither side has confirmed" keep the stage', () => {
    const c = classify(
      'Netflix and iHeartMedia near video podcast deal',
      'Netflix is close to a deal with iHeartMedia to carry video podcasts. Neither side has confirmed the talks and an executive declined to confirm any deal.',
    );
    expect(c).toMatchObject({ status: 'in_talks', unconfirmed: true });
  });

  it('a denial of a different deal mentioned in passing does not flip the status', () => {
    const c = classify(
      'Spotify and Audible in final talks over audiobook licensing',
      'Spotify is close to finalising a licensing deal with Audible. Separately, Spotify dismissed speculation that it was eyeing a takeover of SoundCloud.',
    );
    expect(c).toMatchObject({ isPartnership: true, status: 'in_talks' });
    expect(c.parties).not.toContain('SoundCloud');
  });
});

describe('several statuses in one item: the latest wins', () => {
  it('talks then an agreement', () => {
    const c = classify(
      'SiriusXM buys podcast network Audioboom',
      'Earlier this month SiriusXM was reported to be in talks for Audioboom. On Tuesday the companies announced that SiriusXM has agreed to acquire the network.',
      { date: '2024-05-20' },
    );
    expect(c.status).toBe('announced');
  });

  it('an earlier denial recapped as history does not override the announcement', () => {
    const c = classify(
      'T-Mobile takes stake in Tidal',
      'Two years ago T-Mobile denied rumors of an investment. Today T-Mobile announced it has bought a 20 percent stake in Tidal.',
    );
    expect(c.status).toBe('announced');
  });

  it('the body decides over a headline verb', () => {
    const c = classify('Vevo and Twitch launch music video channel', 'Vevo and Twitch said the channel will launch next month.');
    expect(c.status).toBe('announced');
  });
});

describe('update markers win', () => {
  it('an inline update sets the status', () => {
    const c = classify(
      'Boomplay in talks with Sony Music over licensing',
      'Boomplay is negotiating a licensing deal with Sony Music, people familiar said. Update: Boomplay said on Friday that the agreement has been signed.',
    );
    expect(c.status).toBe('announced');
    expect(c.evidence.some((e) => e.field === 'status' && /update/.test(e.rule))).toBe(true);
  });
});

describe('hedges mark unconfirmed', () => {
  it.each([
    ['reportedly', 'Pandora is reportedly in talks with Live Nation about a concert streaming deal.'],
    ['according to', 'Pandora is in talks with Live Nation about a concert streaming deal, according to a report.'],
    ['people familiar', 'Pandora is in talks with Live Nation about a concert streaming deal, people familiar with the matter said.'],
    ['is said to', 'Pandora is said to be in talks with Live Nation about a concert streaming deal.'],
  ])('%s', (_hedge, summary) => {
    expect(classify('Pandora and Live Nation in streaming talks', summary)).toMatchObject({ isPartnership: true, unconfirmed: true });
  });

  it('a party confirmation makes it confirmed', () => {
    const c = classify('Pandora and Live Nation sign streaming deal', 'Pandora and Live Nation announced the agreement in a joint statement.');
    expect(c).toMatchObject({ isPartnership: true, unconfirmed: false });
  });
});
