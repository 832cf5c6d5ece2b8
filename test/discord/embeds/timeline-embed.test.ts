import { renderTimeline, stepLine } from '../../../src/discord/embeds/timeline-embed';
import { makeEntry, makeStep, makeTimeline } from '../../support/deal-views';
import { HOSTILE, PINGS, replyProblems, replyText } from '../../support/reply-check';

describe('/deal timeline reply', () => {
  test('each change with its date, the move, the headline and its sources', () => {
    const talks = makeEntry();
    const signed = makeEntry({ at: '2026-11-22T08:00:00.000Z', status: 'announced', unconfirmed: false, storyId: 's2', itemId: 'i2', sourceName: 'Label Watch', link: 'https://lw.example/signed', title: 'Signed' });
    const copy = makeEntry({ ...signed, itemId: 'i3', sourceName: 'Other', link: 'https://other.example/signed' });
    const body = renderTimeline(makeTimeline([makeStep('in_talks', null, talks), makeStep('announced', 'in_talks', signed, [signed, copy])]));
    const description = body.embeds[0]?.description ?? '';
    expect(body.embeds[0]?.title).toBe('Netflix × Spotify: timeline');
    expect(description).toContain('<t:1795161600:D> · 🤝 **In talks** (unconfirmed) — first report\n> Netflix and Spotify in talks over award shows\n> [Music Wire](https://wire.example/netflix-spotify)');
    expect(description).toContain('📣 **In talks → Announced** — moved on\n> Signed\n> [Label Watch](https://lw.example/signed), [Other](https://other.example/signed)');
    expect(replyProblems(body)).toEqual([]);
  });

  test('a long history keeps the latest changes and counts the earlier ones', () => {
    const steps = Array.from({ length: 200 }, (_, i) =>
      makeStep(i % 2 ? 'announced' : 'in_talks', i === 0 ? null : i % 2 ? 'in_talks' : 'announced', makeEntry({ at: new Date(Date.UTC(2020, 0, 1 + i)).toISOString(), title: `${HOSTILE} report ${i} ${'z'.repeat(200)}`, itemId: `i${i}` })),
    );
    const body = renderTimeline(makeTimeline(steps));
    const description = body.embeds[0]?.description ?? '';
    expect(description).toMatch(/…\d+ earlier lines left out/);
    expect(description).toContain('report 199');
    expect(description).not.toContain('report 0 ');
    expect(replyProblems(body)).toEqual([]);
    expect(replyText(body)).not.toMatch(PINGS);
  });

  test('more than three sources are counted', () => {
    const entry = makeEntry();
    const line = stepLine(makeStep('in_talks', null, entry, [entry, entry, entry, entry, entry]));
    expect(line.endsWith(' +2 more')).toBe(true);
  });
});
