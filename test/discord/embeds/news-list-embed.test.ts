import { renderStoryList, storyLine } from '../../../src/discord/embeds/news-list-embed';
import { makeSource, makeStory } from '../../support/deal-views';
import { HOSTILE, PINGS, replyProblems, replyText } from '../../support/reply-check';

describe('/news replies', () => {
  test('a story: headline linked, deal, status, kinds, outlet and how many more reported it', () => {
    const story = makeStory({}, [makeSource(), makeSource({ itemId: 'i2', feedName: 'Other' }), makeSource({ itemId: 'i3', feedName: 'Third' })]);
    expect(storyLine(story)).toBe(
      '**[Netflix and Spotify in talks over award shows](https://wire.example/netflix-spotify)**\nNetflix × Spotify · 🤝 In talks · unconfirmed · Live events\nMusic Wire, <t:1795161600:R> · +2 more outlets',
    );
    const body = renderStoryList('Latest deal stories', [story], '');
    expect(replyProblems(body)).toEqual([]);
  });

  test('no stories shows the empty text', () => {
    expect(renderStoryList('Stories matching "x"', [], 'Nothing.').embeds[0]?.description).toBe('Nothing.');
  });

  test('ten hostile, overlong stories stay within limits and ping nobody', () => {
    const stories = Array.from({ length: 10 }, (_, i) =>
      makeStory({ id: `s${i}`, title: `${HOSTILE} ${'w'.repeat(2000)}`, parties: [HOSTILE, 'Spotify'] }, [makeSource({ feedName: HOSTILE, title: HOSTILE })]),
    );
    const body = renderStoryList(`Stories matching "${HOSTILE}"`, stories, '');
    expect(replyProblems(body)).toEqual([]);
    expect(replyText(body)).not.toMatch(PINGS);
  });
});
