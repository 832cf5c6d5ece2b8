import { scoreStoryMatch } from '../../../src/deals/stories/match-story';
import { addStorySource, createStory, viewStory } from '../../../src/deals/stories/story-sources';
import type { StorySource } from '../../../src/deals/tracking-types';
import type { DealStatus } from '../../../src/deals/types';

let n = 0;
function source(over: Partial<StorySource> & { title: string; at: string; status?: DealStatus }): StorySource {
  n += 1;
  return {
    itemId: `item-${n}`,
    feedUrl: 'https://one.example/feed',
    feedName: 'One',
    link: `https://one.example/${n}`,
    summary: '',
    confidence: 0.9,
    status: 'in_talks',
    unconfirmed: false,
    parties: ['Netflix', 'Spotify'],
    kinds: ['live_events'],
    ...over,
  };
}

const parties = ['Netflix', 'Spotify'];
const first = source({
  title: 'Netflix and Spotify in talks to stream award shows and live concerts',
  summary: 'The companies are negotiating a partnership for award shows, people familiar said.',
  at: '2025-11-20T08:00:00.000Z',
});
const story = createStory('st-1', 'netflix+spotify', parties, first);

describe('scoreStoryMatch', () => {
  it('joins a differently worded report of the same event from another outlet', () => {
    const other = source({
      title: 'Spotify and Netflix discuss award show streaming partnership',
      summary: 'Talks cover award shows and concerts.',
      at: '2025-11-21T09:00:00.000Z',
      kinds: ['video'],
    });
    expect(scoreStoryMatch(story, parties, other)).not.toBeNull();
  });

  it('joins on the same status and kind even when the wording differs', () => {
    const other = source({ title: 'Streaming giants hold discussions', at: '2025-11-20T20:00:00.000Z' });
    expect(scoreStoryMatch(story, parties, other)).not.toBeNull();
  });

  it('keeps a different event apart: other wording, other status and kind', () => {
    const other = source({ title: 'Netflix and Spotify finalise podcast video distribution terms', at: '2025-11-21T00:00:00.000Z', status: 'announced', kinds: ['distribution'] });
    expect(scoreStoryMatch(story, parties, other)).toBeNull();
  });

  it('keeps a signed deal apart from the talks before it, and a launch apart from the announcement', () => {
    const signed = source({ title: first.title.replace('in talks', 'sign deal'), summary: first.summary, at: '2025-11-20T20:00:00.000Z', status: 'announced' });
    expect(scoreStoryMatch(story, parties, signed)).toBeNull();
    const announcedStory = createStory('st-2', 'netflix+spotify', parties, signed);
    const live = source({ title: signed.title, summary: first.summary, at: '2025-11-21T08:00:00.000Z', status: 'launched' });
    expect(scoreStoryMatch(announcedStory, parties, live)).toBeNull();
    const rumour = source({ title: first.title, summary: first.summary, at: '2025-11-20T10:00:00.000Z', status: 'rumored', unconfirmed: true });
    expect(scoreStoryMatch(story, parties, rumour)).not.toBeNull();
  });

  it('never puts a denial in the story it denies', () => {
    const denial = source({ title: 'Spotify denies being in talks with Netflix on award shows and live concerts', summary: first.summary, at: '2025-11-21T00:00:00.000Z', status: 'denied' });
    expect(scoreStoryMatch(story, parties, denial)).toBeNull();
  });

  it('needs two parties in common and a close date', () => {
    expect(scoreStoryMatch(story, parties, source({ title: first.title, summary: first.summary, at: '2025-11-21T00:00:00.000Z', parties: ['Netflix', 'YouTube'] }))).toBeNull();
    expect(scoreStoryMatch(story, parties, source({ title: first.title, summary: first.summary, at: '2025-11-24T09:00:00.000Z' }))).toBeNull();
    expect(scoreStoryMatch(story, parties, source({ title: first.title, summary: first.summary, at: '2025-11-22T09:00:00.000Z', parties: ['Spotify', 'Netflix', 'Sony'] }))).not.toBeNull();
  });

  it('always joins the same article (same canonical link)', () => {
    expect(scoreStoryMatch(story, parties, source({ title: 'x', at: '2025-12-30T00:00:00.000Z', link: first.link, status: 'ended' }))).not.toBeNull();
  });
});

describe('story sources', () => {
  it('upgrades the story status by the same rules as deals and keeps the first title', () => {
    const more = addStorySource(story, parties, source({ title: 'Netflix and Spotify agree award show deal', at: '2025-11-21T00:00:00.000Z', status: 'announced' }));
    expect(more).toMatchObject({ isSource: true, changed: true });
    expect(more.story).toMatchObject({ title: first.title, status: 'announced', sources: [{}, {}], lastUpdated: '2025-11-21T00:00:00.000Z' });
    const weaker = addStorySource(more.story, parties, source({ title: 'Netflix reportedly talking to Spotify', at: '2025-11-21T05:00:00.000Z', unconfirmed: true }));
    expect(weaker.story.status).toBe('announced');
  });

  it('adds nothing for the same item twice', () => {
    const again = addStorySource(story, parties, first);
    expect(again).toEqual({ story, isSource: true, changed: false });
  });

  it('views a story per scope, title from the first source the scope sees', () => {
    const second = source({ feedUrl: 'https://two.example/feed', title: 'Second outlet headline', at: '2025-11-20T10:00:00.000Z', status: 'announced' });
    const both = addStorySource(story, parties, second).story;
    const onlyTwo = viewStory(both, (report) => report.feedUrl === 'https://two.example/feed', parties);
    expect(onlyTwo).toMatchObject({ title: 'Second outlet headline', status: 'announced', sources: [{ itemId: second.itemId }] });
    expect(viewStory(both, () => false)).toBeUndefined();
    expect(viewStory(both, () => true)).toBe(both);
  });
});
