import { DEAL_PAGE_SIZE, dealListCustomId, parseDealListArgs, renderDealList } from '../../../src/discord/embeds/deal-list-embed';
import { makeDealView } from '../../support/deal-views';
import { HOSTILE, PINGS, replyProblems, replyText } from '../../support/reply-check';

const deals = (n: number) => Array.from({ length: n }, (_, i) => makeDealView({ id: `d${i}`, label: `Party ${i} × Other ${i}` }));

describe('/deal list reply', () => {
  test('one page: the deals, no buttons', () => {
    const body = renderDealList({ deals: deals(3), total: 3, page: 0, filters: {} });
    expect(body.embeds[0]?.title).toBe('Tracked deals');
    expect(body.embeds[0]?.description).toContain('**Party 0 × Other 0** — 🤝 In talks · unconfirmed\nsince <t:1795161600:D>');
    expect(body.embeds[0]?.footer?.text).toContain('Page 1 of 1 · 3 deals');
    expect(body.components).toEqual([]);
    expect(replyProblems(body)).toEqual([]);
  });

  test('several pages: Previous and Next carry the page and filters; the ends are disabled', () => {
    const filters = { status: 'announced' as const, party: 'Sony: Music 100%' };
    const first = renderDealList({ deals: deals(DEAL_PAGE_SIZE), total: 20, page: 0, filters });
    const [previous, next] = first.components?.[0]?.components ?? [];
    expect(previous).toMatchObject({ disabled: true, label: '◀ Previous' });
    expect(next).toMatchObject({ disabled: false, custom_id: 'deal:list:1:announced:Sony%3A Music 100%25' });
    expect(first.embeds[0]?.title).toBe('Tracked deals with Sony: Music 100%, now announced');
    const last = renderDealList({ deals: deals(4), total: 20, page: 2, filters });
    const [, lastNext] = last.components?.[0]?.components ?? [];
    expect(lastNext).toMatchObject({ disabled: true });
    expect(replyProblems(first)).toEqual([]);
    expect(replyProblems(last)).toEqual([]);
  });

  test('custom ids round-trip through the router\'s split on ":"', () => {
    const id = dealListCustomId(3, { status: 'in_talks', party: 'a:b%c' });
    const [name, ...args] = id.split(':');
    expect(name).toBe('deal');
    expect(parseDealListArgs(args)).toEqual({ page: 3, status: 'in_talks', party: 'a:b%c' });
    expect(parseDealListArgs(dealListCustomId(0, {}).split(':').slice(1))).toEqual({ page: 0, status: undefined, party: undefined });
    expect(parseDealListArgs(['list', '-1', '', ''])).toBeUndefined();
    expect(parseDealListArgs(['status', '1'])).toBeUndefined();
  });

  test('empty lists say so, with the filters', () => {
    const body = renderDealList({ deals: [], total: 0, page: 0, filters: { status: 'ended' } });
    expect(body.embeds[0]?.description).toBe('No tracked deal now ended yet. Deals appear here as the feeds report them.');
    expect(body.embeds[0]?.footer).toBeUndefined();
  });

  test('hostile labels stay within limits and ping nobody', () => {
    const hostile = Array.from({ length: DEAL_PAGE_SIZE }, (_, i) => makeDealView({ id: `h${i}`, label: `${HOSTILE} ${'x'.repeat(900)}` }));
    const body = renderDealList({ deals: hostile, total: 50, page: 1, filters: { party: '@everyone' } });
    expect(replyProblems(body)).toEqual([]);
    expect(replyText(body)).not.toMatch(PINGS);
  });
});
