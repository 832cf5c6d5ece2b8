import { renderTakeaways, takeawayLine } from '../../../src/discord/embeds/takeaways-embed';
import { makeDealView } from '../../support/deal-views';
import { HOSTILE, PINGS, replyProblems, replyText } from '../../support/reply-check';

describe('/deal takeaways reply', () => {
  test('a point from a report cites it; a background point cites nothing', () => {
    const body = renderTakeaways(makeDealView({ status: 'announced', unconfirmed: false }), [
      { text: 'Agreed, not live yet: artists could reach new audiences.', sourceLink: 'https://wire.example/a', sourceName: 'Music Wire', basis: 'article' },
      { text: 'Agreed, not live yet (background): a general point.', basis: 'background' },
    ]);
    expect(body.embeds[0]?.title).toBe('Netflix × Spotify: what it means for artists');
    expect(body.embeds[0]?.description).toBe(
      'Status: **📣 Announced**\n\n• Agreed, not live yet: artists could reach new audiences. — [Music Wire](https://wire.example/a)\n\n• Agreed, not live yet (background): a general point.',
    );
    expect(replyProblems(body)).toEqual([]);
  });

  test('no takeaways says why', () => {
    expect(renderTakeaways(makeDealView(), []).embeds[0]?.description).toContain('too little about what this deal changes for artists');
  });

  test('hostile text pings nobody and stays within limits', () => {
    const point = { text: `${HOSTILE} ${'y'.repeat(3000)}`, sourceLink: 'https://x.example', sourceName: HOSTILE, basis: 'article' as const };
    expect(takeawayLine(point)).not.toMatch(PINGS);
    const body = renderTakeaways(makeDealView({ label: HOSTILE.repeat(20) }), Array.from({ length: 30 }, () => point));
    expect(replyProblems(body)).toEqual([]);
    expect(replyText(body)).not.toMatch(PINGS);
  });
});
