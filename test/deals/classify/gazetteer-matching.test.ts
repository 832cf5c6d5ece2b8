import { compileGazetteer } from '../../../src/deals/classify/gazetteer';
import { findMentions } from '../../../src/deals/classify/find-mentions';
import { segmentItem } from '../../../src/deals/classify/segment';

/** The matcher finds long-tail companies by their names, and common-word aliases only with context. */

const gaz = compileGazetteer();
const named = (title: string, summary = ''): string[] => [...new Set(findMentions(segmentItem({ title, summary }), gaz).mentions.map((m) => m.entity))].sort();

describe('long-tail companies are found in sentences', () => {
  it.each([
    ['ONErpm partners with Mdundo to distribute Kenyan artists', ['Mdundo', 'ONErpm']],
    ['JioSaavn renews licensing pact with Saregama', ['JioSaavn', 'Saregama']],
    ['SAMRO signs a licence with Audiomack', ['Audiomack', 'SAMRO']],
    ['Superstruct Entertainment takes a stake in Sziget', ['Superstruct Entertainment', 'Sziget']],
    ['Vodacom bundles Deezer into its mobile plans', ['Deezer', 'Vodacom']],
    ['HarbourView Equity Partners buys catalogue from Pulse Music Group', ['HarbourView Equity Partners', 'Pulse Music Group']],
    ['Telkomsel and Langit Musik extend their partnership', ['Langit Musik', 'Telkomsel']],
    ['Korean services Melon and Genie Music strike a deal with Stone Music Entertainment', ['Genie Music', 'Melon', 'Stone Music Entertainment']],
    ['Ocesa and Ticketmaster Mexico sign a new ticketing agreement', ['Ocesa', 'Ticketmaster']],
    ['KOMCA and Naver agree a licence for VIBE', ['KOMCA', 'Naver', 'VIBE']],
  ])('%s', (title, expected) => {
    expect(named(title)).toEqual(expected);
  });

  it('a sub-label is its own entity in its owner family', () => {
    const roots = findMentions(segmentItem({ title: 'Def Jam and Republic Records team up with TikTok', summary: '' }), gaz).mentions.map((m) => `${m.entity}/${m.root}`);
    expect(roots.sort()).toEqual(['Def Jam Recordings/Universal Music Group', 'Republic Records/Universal Music Group', 'TikTok/TikTok']);
  });
});

describe('common-word aliases need their context', () => {
  it.each([
    'Fans Still Believe The Band Will Return',
    'Three Friends Formed A Band In Lagos',
    'An Epic Night On The Island',
    'Level Up Your Live Show This Summer',
    'Stem Cell Charity Gala Raises Millions',
    'Amuse Yourself With These Summer Playlists',
    'Global Warming Threatens Summer Tours',
    'Apple Pie Recipes For Fall',
    'Amazon Rainforest Concert Draws Thousands',
    'Bugs Bunny Turns 85',
    'Roll The Dice And Hope',
    'A True Story Of A Smart Spark',
    'Play It Loud: Orange Amps Turn 60',
    'Sky High Prices For Tickets',
  ])('%s', (title) => {
    expect(named(title)).toEqual([]);
  });

  it('and count with it', () => {
    expect(named('Believe signs distribution deal with Wagram')).toEqual(['Believe', 'Wagram Music']);
    expect(named('Orange bundles Deezer for French subscribers')).toEqual(['Deezer', 'Orange']);
    expect(named('Stem raises funding', 'The distributor splits royalties among collaborators.')).toEqual(['Stem']);
    expect(named('Three offers Spotify to its customers', 'The mobile operator said the deal covers pay-monthly plans.')).toEqual(['Spotify', 'Three']);
    expect(named('Empire signs Ghazi-led distribution deal')).toEqual(['Empire']);
  });
});
