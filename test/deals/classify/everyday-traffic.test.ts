import { classify } from './helpers';

/**
 * Everyday feed traffic that names two companies without reporting a deal between them (issue 7,
 * part 3), and the deals that look like it. Hand-written items with invented companies.
 */

function isDeal(title: string, summary: string): boolean {
  return classify(title, summary).isPartnership;
}

describe('not deals', () => {
  it.each([
    ['an artist signing with a label', 'Rapper Kofi Blaze signs with Dhow Records', 'The rapper has signed a multi-album recording contract with Dhow Records, the label said.'],
    ['an executive move between companies', 'Zuno hires former Riffly executive as head of music', 'Zuno has appointed Dana Whitfield, who spent six years at Riffly, as its global head of music.'],
    ['a sale process with no named buyer', 'Halden Songs owner explores sale of publishing catalogue', 'Brightwater Capital has hired advisers to explore a sale of Halden Songs, the Nashville publisher it owns, people familiar with the matter said.'],
    ['a denied sale with no buyer', 'Crestmoor denies plans to sell Wavely', 'Crestmoor Media Group has denied a report that it is planning to sell streaming service Wavely. "Wavely is not for sale," a spokesperson said.'],
    ['a roundup headline', 'Music business briefing: Riffly, Zuno, Tixora', 'Riffly raised prices in five markets. Zuno partnered with Corvid Records on a playlist. Tixora raised $5 million.'],
    ['an opinion proposing a deal', 'Why Zuno should buy a ticketing company', 'Zuno has the fans and the data; a ticketing business such as Tixora would give it a second revenue stream, argues our columnist.'],
    ['a lawsuit between two companies', 'Ashgrove Music Publishing sues lyrics site Lyricbase', 'Ashgrove Music Publishing has filed a lawsuit against Lyricbase, alleging copyright infringement.'],
    ['earnings that mention an old partnership', 'Mbira revenue doubles as subscribers pass 2 million', 'Streaming app Mbira said revenue doubled in the first half, helped by its partnership with Zanix Telecom.'],
    ['a single-company launch naming rivals', 'Zuno rolls out AI DJ to take on Riffly', 'Zuno has introduced an AI-powered DJ feature, a direct challenge to rival Riffly.'],
    ['units of one company', 'Crestmoor Media Group merges Crestmoor Radio and Crestmoor Audio', 'Crestmoor Media Group is combining Crestmoor Radio and Crestmoor Audio into one division.'],
    ['deals a company only has', 'Tonegrove releases new AI model', 'AI startup Tonegrove has released a new model. Its deals with Bellweather Music Publishing and Corvid Records cover the training data.'],
    ['a trend piece whose examples are old deals', 'Carriers keep courting music fans', 'Music is back in mobile marketing. Telmara struck a bundling deal with Riffly in 2019, and Vantel later bought a stake in Zuno.'],
  ])('%s', (_what, title, summary) => {
    expect(isDeal(title, summary)).toBe(false);
  });
});

describe('deals that look like everyday traffic', () => {
  it.each([
    ['a sale with a named buyer', 'Brightwater Capital agrees to sell Halden Songs to Fernhill Music', 'Brightwater Capital has agreed to sell the Nashville publisher Halden Songs to Fernhill Music for $120 million.'],
    ['market news about a deal', 'Orinoco Audio shares jump on takeover approach from Pulsewave', 'Shares in Orinoco Audio rose 20% after the streaming platform said it had received a takeover approach from Pulsewave.'],
    ['a settlement that comes with a licence', 'Lyricbase settles with Ashgrove and signs licence', 'Lyrics site Lyricbase has settled a lawsuit brought by Ashgrove Music Publishing and agreed a licensing deal covering its catalogue.'],
    ['two unknown companies and a joint announcement', 'Greywhale Pictures and Arcadia Records announce documentary partnership', 'Greywhale Pictures and Arcadia Records have announced a partnership to develop a documentary series.'],
  ])('%s', (_what, title, summary) => {
    expect(isDeal(title, summary)).toBe(true);
  });
});
