import { classify } from './helpers';

/**
 * The classes of status error members met (issue 7), each with items written for this test (invented
 * companies, so that the gazetteer cannot help): the status follows the clause that reports the deal,
 * and the verbs of agreement, termination, denial and negation are read with their scope.
 */

function statusOf(title: string, summary: string): string | null {
  const c = classify(title, summary);
  return c.isPartnership ? c.status : null;
}

describe('a new agreement is not read as ended', () => {
  it.each([
    ['Zuno and Corvid Records sign new licensing deal after previous agreement expired', 'Corvid Records said its catalogue will return to Zuno next week under the new multi-year licence.'],
    ['Telmara replaces its lapsed Riffly bundle with a new three-year agreement', 'Mobile operator Telmara has signed a new agreement with streaming service Riffly after the old bundle lapsed in June.'],
    ['Kestrel Media and Loudbox agree merger a year after earlier talks collapsed', 'Kestrel Media has agreed to merge with podcast network Loudbox. Talks between the two broke down last year.'],
    ['Pinecrest Media renews podcast deal with Audiobahn, ending speculation it would leave', 'Pinecrest Media has renewed its distribution agreement with audio platform Audiobahn for two more years.'],
    ['Stagecraft and Arena Norte end dispute with new ticketing contract', 'Ticketing company Stagecraft has signed a new five-year contract with venue operator Arena Norte, ending a six-month dispute over fees.'],
  ])('%s', (title, summary) => {
    expect(statusOf(title, summary)).toBe('announced');
  });
});

describe('an announced deal is not downgraded to a rumour by a speculative word elsewhere', () => {
  it.each([
    ['Marlowe Publishing buys songwriter firm Tessellate amid speculation about its own future', 'Marlowe Publishing has acquired Tessellate Music, a London company that administers songwriter catalogues.'],
    ['Kestrel Media acquires podcast network Loudbox', 'Kestrel Media has bought Loudbox for $40 million. Rumours of a Loudbox sale had circulated for months.'],
    ['Riffly signs licensing deal with Corvid Records', 'Streaming service Riffly has signed a licensing agreement with Corvid Records. Analysts speculate that more independent labels could follow.'],
    ['Gatepass agrees sale to Harbourline Live after weeks of speculation', 'Ticketing startup Gatepass has agreed to be acquired by concert promoter Harbourline Live, the companies said on Monday.'],
    ['Zuno confirms acquisition of Sautify, ending months of rumours', 'Streaming service Zuno said it has acquired Sautify, the Nairobi-based music app, for an undisclosed sum.'],
  ])('%s', (title, summary) => {
    expect(statusOf(title, summary)).toBe('announced');
  });
});

describe("a party's denial of a rumour is denied, not rumored", () => {
  it.each([
    ['Riffly shoots down speculation it will buy ticketing startup Gatepass', 'Riffly has dismissed reports that it is preparing an offer for Gatepass, calling them "pure speculation".'],
    ['Tixora says reports of Stagecraft takeover talks are fiction', 'Ticketing company Tixora said reports that it is in talks to buy rival Stagecraft were "complete fiction".'],
    ['Kestrel Media rejects claims it will sell Loudbox to Pulsewave', 'Kestrel Media has rejected claims that it is negotiating to sell podcast network Loudbox to Pulsewave.'],
    ['Harbourline Live brushes off rumours of a Gatepass bid', 'Concert promoter Harbourline Live has brushed off rumours that it is circling ticketing startup Gatepass.'],
    ['Velvet Tide Music Group refutes report of merger with Ossory Group', 'Velvet Tide Music Group has refuted a newspaper report that it is discussing a merger with Ossory Group, saying the rumour has no basis.'],
  ])('%s', (title, summary) => {
    expect(statusOf(title, summary)).toBe('denied');
  });
});

describe('negated talks are a denial, not talks', () => {
  it.each([
    ['Kestrel Media is not in talks with Loudbox, spokesperson says', 'A spokesperson for Kestrel Media said the company is not in talks with podcast network Loudbox about an acquisition.'],
    ['Zuno has held no discussions with Corvid Records about a deal', 'Streaming service Zuno said it has held no discussions with Corvid Records about buying the label.'],
    ['Pulsewave says there are no negotiations to buy Orinoco Audio', 'Pulsewave said there are no negotiations to acquire Orinoco Audio, the Bogota-based streaming platform.'],
    ['Stagecraft not negotiating with Arena Norte, chief executive says', 'Ticketing company Stagecraft is not negotiating a new contract with venue operator Arena Norte, its chief executive said.'],
    ['Skylark Broadcasting and Harbor Audio are not discussing a merger', 'Radio group Skylark Broadcasting and Harbor Audio said in a joint statement that they are not discussing a merger.'],
  ])('%s', (title, summary) => {
    expect(statusOf(title, summary)).toBe('denied');
  });

  it('"not close to a deal" is still talks', () => {
    expect(statusOf('Bramble Radio in talks with Ostrava Media, not close to a deal', 'Bramble Radio said talks with Ostrava Media about a merger were continuing but the two were "not close to a deal".')).toBe('in_talks');
  });
});

describe('a terminated deal is not read as announced', () => {
  it.each([
    ['Stagecraft terminates ticketing agreement with Arena Norte', 'Ticketing company Stagecraft has terminated its exclusive agreement with venue operator Arena Norte. Arena Norte announced it would sell tickets through its own website.'],
    ['Brightline Audio and Echofy announce end of podcast partnership', 'Brightline Audio and Echofy announced on Friday that they will wind down their podcast distribution partnership.'],
    ['Northgate Capital drops bid for radio group Estuary Radio', 'Northgate Capital has withdrawn its $300 million offer for Estuary Radio after failing to secure financing.'],
    ['Calder Entertainment bows out of race for festival operator Solstice Events', 'Calder Entertainment has exited the bidding for Solstice Events, which runs three festivals in the Netherlands.'],
    ['Ferrous Music Group cancels distribution contract with Quill Distribution', 'Ferrous Music Group has cancelled its distribution contract with Quill Distribution and will move its releases elsewhere.'],
  ])('%s', (title, summary) => {
    expect(statusOf(title, summary)).toBe('ended');
  });
});
