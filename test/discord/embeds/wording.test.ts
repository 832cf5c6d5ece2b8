import { describePost } from '../../../src/console/post-event';
import { renderDealStatus } from '../../../src/discord/embeds/deal-status-embed';
import { renderPostMessage } from '../../../src/discord/embeds/post-message';
import { makeDealView } from '../../support/deal-views';
import { makeOutboxEntry, makeStoryPost } from '../../support/posts';

/** What people read never shows the code's own words: ids, range names, repeated outlets, bad grammar. */
describe('wording people read', () => {
  const reported = makeStoryPost({
    sources: [
      { name: 'Trade Beat', link: 'https://tradebeat.example/a' },
      { name: 'trade beat ', link: 'https://tradebeat.example/b' },
      { name: 'Label Watch', link: 'https://labelwatch.example/a' },
      { name: 'Label Watch', link: 'https://labelwatch.example/b' },
    ],
  });

  test('"Also reported by" names each other outlet once, never the one in the footer', () => {
    const [embed] = renderPostMessage(reported).embeds ?? [];
    expect(embed?.footer?.text).toMatch(/^Trade Beat · /);
    expect(embed?.fields?.find((f) => f.name === 'Also reported by')?.value).toBe('[Label Watch](https://labelwatch.example/a)');
    const sameOutlet = makeStoryPost({ sources: [{ name: 'Trade Beat' }, { name: 'Trade Beat', link: 'https://tradebeat.example/b' }] });
    expect(renderPostMessage(sameOutlet).embeds?.[0]?.fields?.map((f) => f.name)).not.toContain('Also reported by');
  });

  test('console mode says the same of an edit', () => {
    const { text } = describePost(makeOutboxEntry('c', 'g', { action: 'edit', post: reported }));
    expect(text).toBe('↻ Netflix × Spotify: "Netflix and Spotify in talks to stream award shows" — also reported by Label Watch');
    expect(describePost(makeOutboxEntry('c', 'g', { post: makeStoryPost({ kinds: ['playlists_podcasts'] }) })).text).toContain('  playlists podcasts · ');
  });

  test('/deal status shows no internal deal id', () => {
    const [embed] = renderDealStatus(makeDealView()).embeds;
    expect(embed?.footer?.text).toBe('/deal timeline for every change · /deal takeaways for what it means for artists');
    expect(JSON.stringify(embed)).not.toMatch(/netflix\+spotify|\bid /);
  });
});
