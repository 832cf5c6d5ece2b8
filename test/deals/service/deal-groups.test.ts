import { batchesByDeal } from '../../../src/deals/service/deal-groups';
import { report } from './deal-fixtures';

const at = (hour: number) => `2025-09-01T${String(hour).padStart(2, '0')}:00:00Z`;
const r = (title: string, parties: string[], hour: number) => report({ title, parties, published: at(hour), status: 'in_talks' });
const titles = (batches: ReturnType<typeof batchesByDeal>) => batches.map((batch) => batch.map((b) => b.item.title));

describe('batches of whole deals', () => {
  it('keeps every report of a deal in one batch, in the order given, groups in the order of their first report', () => {
    const reports = [
      r('ns1', ['Netflix', 'Spotify'], 1),
      r('ds1', ['Deezer', 'Sony Music'], 2),
      r('ns2', ['Spotify', 'Netflix'], 3),
      r('tu1', ['TikTok', 'Universal Music'], 4),
      r('ds2', ['Deezer', 'Sony Music'], 5),
      r('ns3', ['Netflix', 'Spotify'], 6),
    ];
    expect(titles(batchesByDeal(reports, 2))).toEqual([['ns1', 'ns2', 'ns3'], ['ds1', 'ds2'], ['tu1']]);
    expect(titles(batchesByDeal(reports, 5))).toEqual([['ns1', 'ns2', 'ns3', 'ds1', 'ds2'], ['tu1']]);
    expect(titles(batchesByDeal(reports, 100))).toEqual([['ns1', 'ns2', 'ns3', 'ds1', 'ds2', 'tu1']]);
  });

  it('keeps reports that can land on one deal together: any two sharing a pair of parties, through others too', () => {
    const reports = [
      r('ab', ['Apple Music', 'BMG'], 1),
      r('cd', ['Concord', 'Deezer'], 2),
      r('bc', ['BMG', 'Concord'], 3),
      r('abc', ['Apple Music', 'BMG', 'Concord'], 4),
      r('ad', ['Apple Music', 'Deezer'], 5),
    ];
    // abc shares a pair with ab and with bc: one group; cd and ad share no pair with it.
    expect(titles(batchesByDeal(reports, 1))).toEqual([['ab', 'bc', 'abc'], ['cd'], ['ad']]);
  });

  it('gives nothing for nothing', () => {
    expect(batchesByDeal([])).toEqual([]);
  });
});
