import { createPartyMatcher, parsePartyQuery } from '../../../src/deals/parties/party-query';

const matcher = createPartyMatcher([
  ['Netflix', 10],
  ['Spotify', 20],
  ['Universal Music Group', 8],
  ['Warner Music Group', 5],
  ['Warner Bros. Discovery', 6],
  ['Sony', 3],
  ['Sony Music', 4],
  ['X', 1],
  ['TikTok', 2],
]);

const parties = (text: string, prefix = false): string[][] => parsePartyQuery(text, matcher, { prefix }).map((s) => s.parties);

describe('parsePartyQuery', () => {
  it('reads the usual ways of writing two parties', () => {
    for (const text of ['netflix spotify', 'Spotify x Netflix', 'spotify × netflix', 'Netflix+Spotify', 'netflix & spotify deal', 'NETFLIX/Spotify']) {
      expect(parties(text).flat().sort()).toEqual(['Netflix', 'Spotify']);
    }
  });

  it('maps aliases and partial names to canonical names', () => {
    expect(parties('UMG tiktok')).toEqual([['Universal Music Group'], ['TikTok']]);
    expect(parties('universal music spotify')).toEqual([['Universal Music Group'], ['Spotify']]);
    expect(parties('universal-music-group+netflix')).toEqual([['Universal Music Group'], ['Netflix']]);
    expect(parties('sony music spotify')).toEqual([['Sony Music'], ['Spotify']]);
    expect(parties('sony spotify')).toEqual([['Sony'], ['Spotify']]);
  });

  it('keeps ambiguous words as alternatives, best known first', () => {
    expect(parties('warner netflix')).toEqual([['Warner Bros. Discovery', 'Warner Music Group'], ['Netflix']]);
  });

  it('takes "x" as a party only where it cannot be a separator', () => {
    expect(parties('x spotify')).toEqual([['X'], ['Spotify']]);
    expect(parties('spotify x netflix').flat()).not.toContain('X');
  });

  it('completes a partial last word when asked to', () => {
    expect(parties('spotify netf', true)).toEqual([['Spotify'], ['Netflix']]);
    expect(parties('spotify netf')).toEqual([['Spotify']]);
  });

  it('uses a resolver when one is given', () => {
    const slots = parsePartyQuery('the label behind Taylor Swift and spotify', matcher, { resolver: () => ['Universal Music Group'] });
    expect(slots.map((s) => s.parties)).toEqual([['Universal Music Group'], ['Spotify']]);
  });

  it('finds nothing in words that name no party', () => {
    expect(parties('what is going on')).toEqual([]);
  });
});
