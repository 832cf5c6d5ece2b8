import { classify } from './helpers';

/** Negative evidence families veto unless a deal clause survives (hand-written items). */

describe('veto families', () => {
  it.each([
    ['lawsuit', 'Universal Music sues Suno over AI training', 'Universal Music Group filed a lawsuit against Suno, accusing the company of copyright infringement.'],
    ['earnings', 'Spotify quarterly revenue rises 15%', 'Spotify reported quarterly revenue growth and said its deal with Warner Music Group helped margins.'],
    ['price change', 'Deezer raises prices for family plan', 'Deezer is raising the price of its family plan, following Spotify and Apple Music.'],
    ['layoffs', 'SoundCloud lays off 40 employees', 'SoundCloud is cutting staff as it renegotiates deals with labels.'],
    ['executive move', 'TikTok hires Warner Music veteran as head of music', 'TikTok has hired a former Warner Music Group executive as its global head of music.'],
    ['chart', 'Billboard Hot 100: Spotify streams lift Taylor Swift to No. 1', 'The chart counts streams from Spotify and Apple Music.'],
    ['own launch', 'YouTube Music launches new AI playlist feature', 'YouTube Music is rolling out the feature, a rival to Spotify, starting today.'],
    ['policy', 'EU rules force Apple to open App Store to Spotify links', 'New regulation requires Apple to let Spotify link to outside payments.'],
  ])('%s news is not a deal', (_family, title, summary) => {
    const c = classify(title, summary);
    expect(c.isPartnership).toBe(false);
  });

  it('records the veto as evidence', () => {
    const c = classify('Universal Music sues Suno over AI training', 'Universal Music Group filed a lawsuit against Suno.');
    expect(c.evidence.some((e) => e.field === 'veto' && e.rule === 'veto:lawsuit')).toBe(true);
  });

  it('a settlement that comes with a licence is a deal (announced)', () => {
    const c = classify(
      'Suno settles with Warner Music Group and signs licensing agreement',
      'Suno has settled the copyright lawsuit brought by Warner Music Group and the two companies signed a licensing agreement for new AI models.',
    );
    expect(c).toMatchObject({ isPartnership: true, status: 'announced' });
    expect(c.parties.sort()).toEqual(['Suno', 'Warner Music Group']);
    expect(c.kinds).toContain('licensing');
  });

  it('a deal clause survives product news when it links two companies', () => {
    const c = classify('Spotify launches concert listings', 'Spotify said it has partnered with Bandsintown and Songkick to power the new listings.');
    expect(c.isPartnership).toBe(true);
  });

  it('an opinion that a deal should happen is not a deal', () => {
    const c = classify('Why Apple should buy SoundCloud', 'Apple should acquire SoundCloud to win over independent artists, an analyst argues.');
    expect(c.isPartnership).toBe(false);
  });

  it('a rumour about a deal is a deal (rumored), unlike an opinion', () => {
    const c = classify('Apple rumoured to be eyeing SoundCloud', 'Apple is reportedly considering a bid for SoundCloud, according to people familiar.');
    expect(c).toMatchObject({ isPartnership: true, status: 'rumored' });
  });
});
