import { renderDealStatus, UNCONFIRMED_NOTE } from '../../../src/discord/embeds/deal-status-embed';
import { STATUSES } from '../../../src/deals/types';
import { makeDealView, makeEntry } from '../../support/deal-views';
import { HOSTILE, PINGS, replyProblems, replyText } from '../../support/reply-check';

describe('/deal status reply', () => {
  test('status, unconfirmed note, since, parties, kinds, sources and what to watch for', () => {
    const body = renderDealStatus(makeDealView());
    const [embed] = body.embeds;
    expect(embed?.title).toBe('Netflix × Spotify');
    expect(embed?.description).toContain('**🤝 In talks · unconfirmed** since <t:1795161600:D>');
    expect(embed?.description).toContain(UNCONFIRMED_NOTE);
    const field = (name: string) => embed?.fields?.find((f) => f.name === name)?.value;
    expect(field('Parties')).toBe('Netflix, Spotify');
    expect(field('Kinds')).toBe('Live events, Video');
    expect(field('Activity')).toBe('2 reports in 1 story\nlatest <t:1795248000:R>');
    expect(field('Latest sources')).toBe('• [Netflix and Spotify in talks over award shows](https://wire.example/netflix-spotify) — Music Wire, <t:1795161600:D> · 🤝 In talks (unconfirmed)');
    expect(field('What to watch for next')).toMatch(/^Nothing is confirmed by the parties yet\. Watch for a signed agreement/);
    expect(replyProblems(body)).toEqual([]);
  });

  test('a confirmed deal has no unconfirmed note; a later chapter says so', () => {
    const [embed] = renderDealStatus(makeDealView({ status: 'launched', unconfirmed: false, chapter: 2, chapterStartedAt: '2025-01-01T00:00:00Z' })).embeds;
    expect(embed?.description).not.toContain('unconfirmed');
    expect(embed?.description).toContain('Chapter 2');
    expect(embed?.fields?.find((f) => f.name === 'What to watch for next')?.value).toMatch(/^Watch for how it is received/);
  });

  test.each(STATUSES)('every status (%s) has its colour and watch-for sentence', (status) => {
    const [embed] = renderDealStatus(makeDealView({ status, unconfirmed: false })).embeds;
    expect(embed?.color).toEqual(expect.any(Number));
    expect(embed?.fields?.find((f) => f.name === 'What to watch for next')?.value).toMatch(/^Watch /);
  });

  test('hostile and overlong feed text stays within limits and pings nobody', () => {
    const latest = Array.from({ length: 5 }, (_, i) =>
      makeEntry({ title: `${HOSTILE} ${'very long headline '.repeat(30)}`, sourceName: `${HOSTILE}${i}`, link: `https://x.example/${'p'.repeat(900)}` }),
    );
    const parties = Array.from({ length: 30 }, (_, i) => `${HOSTILE} Party ${i}`);
    const body = renderDealStatus(makeDealView({ label: parties.join(' × '), parties, latest }));
    expect(replyProblems(body)).toEqual([]);
    expect(replyText(body)).not.toMatch(PINGS);
  });
});
