import { choiceName, feedChoices, feedChoiceValue, findFeed } from '../../src/discord/feed-choices';
import { checkAutocompleteResult } from '../support/discord-emulator/message-limits';

const short = { name: 'Music Wire', url: 'https://wire.example/feed.xml' };
const long = { name: 'Long One', url: `https://long.example/feed.xml?${'q'.repeat(200)}` };

describe('feeds as autocomplete choices', () => {
  test('short URLs are their own value; long ones a stable key; both found again', () => {
    expect(feedChoiceValue(short.url)).toBe(short.url);
    const key = feedChoiceValue(long.url);
    expect(key).toMatch(/^feed:[0-9a-f]{16}$/);
    expect(feedChoiceValue(long.url)).toBe(key);
    expect(findFeed([short, long], key)).toBe(long);
    expect(findFeed([short, long], short.url)).toBe(short);
    expect(findFeed([short, long], 'music wire')).toBe(short);
    expect(findFeed([short, long], 'https://wire.example/feed.xml/')).toBe(short);
    expect(findFeed([short, long], 'nothing')).toBeUndefined();
  });

  test('choices match name or URL, at most 25, each within Discord\'s limits', () => {
    const many = Array.from({ length: 40 }, (_, i) => ({ name: `${'Feed '.repeat(30)}${i}`, url: `https://f${i}.example/${'x'.repeat(150)}` }));
    const choices = feedChoices(many, 'feed');
    expect(choices).toHaveLength(25);
    expect(checkAutocompleteResult({ choices })).toEqual([]);
    expect(feedChoices([short, long], 'wire')).toEqual([{ name: 'Music Wire — wire.example', value: short.url }]);
    expect(feedChoices([{ ...short, label: '(default) ' }], '')[0]?.name).toBe('(default) Music Wire — wire.example');
  });

  test('choice names are one line of 1 to 100 characters', () => {
    expect(choiceName('  a\n b  ')).toBe('a b');
    expect(choiceName('')).toBe('(untitled)');
    expect(choiceName('n'.repeat(300))).toHaveLength(100);
  });
});
