import { discordTime, feedText, inertText, joinWithin, markdownLink, MAX_EMBED_URL, percent, plural, safeUrl } from '../../../src/discord/embeds/text';
import { HOSTILE, liveMaskedLinks, PINGS } from '../../support/reply-check';

describe('reply text helpers', () => {
  test('feed text: mentions broken, markdown escaped, whitespace folded, cut to the room', () => {
    const out = feedText(`  ${HOSTILE}\n\n and more  `, 500);
    expect(out).not.toMatch(PINGS);
    expect(out).toContain('\\*\\*bold\\*\\*');
    expect(out).not.toContain('\n');
    expect(feedText('word '.repeat(100), 50).length).toBeLessThanOrEqual(50);
    expect(feedText('word '.repeat(100), 50).endsWith('…')).toBe(true);
  });

  test.each([
    ['a masked link', '[x](https://evil.example)'],
    ['a masked link with an angle-bracketed url', '[x](<https://evil.example>)'],
    ['a masked link after a backslash', '\\\\[x](https://evil.example)'],
    ['a masked link whose label ends with a backslash', '[x\\\\](https://evil.example)'],
    ['a masked link in bold', '**[x](https://evil.example)**'],
  ])('inert text: %s never renders as a link', (_name, text) => {
    expect(liveMaskedLinks(text)).not.toEqual([]); // the detector sees it raw…
    expect(liveMaskedLinks(inertText(text))).toEqual([]);
    expect(liveMaskedLinks(feedText(text, 200))).toEqual([]);
  });

  test('inert text: headings, subtext, block quotes and lists stay plain characters', () => {
    expect(inertText('# Big')).toBe('\\# Big');
    expect(inertText('-# small')).toBe('\\-# small');
    expect(inertText('> quoted')).toBe('\\> quoted');
    expect(inertText('- item')).toBe('\\- item');
    expect(inertText('1. first')).toBe('1\\. first');
    expect(inertText('a_b *c* ~~d~~ ||e|| `f`')).toBe('a\\_b \\*c\\* \\~\\~d\\~\\~ \\|\\|e\\|\\| \\`f\\`');
  });

  test('only http(s) links go into text, up to 512 characters; into an embed url up to 2048; brackets encoded', () => {
    expect(safeUrl('javascript:alert(1)')).toBeUndefined();
    expect(safeUrl('ftp://x.example/a')).toBeUndefined();
    expect(safeUrl(`https://x.example/${'a'.repeat(600)}`)).toBeUndefined();
    expect(safeUrl(`https://x.example/${'a'.repeat(1900)}`, MAX_EMBED_URL)).toHaveLength(1918);
    expect(safeUrl(`https://x.example/${'a'.repeat(2100)}`, MAX_EMBED_URL)).toBeUndefined();
    expect(safeUrl('https://x.example/a_(b)')).toBe('https://x.example/a_%28b%29');
    expect(markdownLink('Long', `https://x.example/${'a'.repeat(1900)}`)).toBe('Long'); // left out whole, never cut
  });

  test('markdown links drop brackets from the label and fall back to the label alone', () => {
    expect(markdownLink('A [great] deal', 'https://x.example/a')).toBe('[A great deal](https://x.example/a)');
    expect(liveMaskedLinks(markdownLink('[x](https://evil.example)', 'https://x.example/a'))).toEqual(['https://x.example/a']);
    expect(markdownLink('No link', undefined)).toBe('No link');
    expect(markdownLink('Bad link', 'javascript:void(0)')).toBe('Bad link');
    expect(markdownLink('@everyone', 'https://x.example')).not.toMatch(PINGS);
  });

  test('Discord timestamps, and "unknown" for no date', () => {
    expect(discordTime('2026-11-20T08:00:00Z', 'D')).toBe('<t:1795161600:D>');
    expect(discordTime(undefined)).toBe('unknown');
    expect(discordTime('not a date')).toBe('unknown');
  });

  test('joinWithin keeps whole lines and counts what it left out, within the limit', () => {
    const lines = Array.from({ length: 50 }, (_, i) => `line ${i} ${'x'.repeat(30)}`);
    const out = joinWithin(lines, 200);
    expect(out.length).toBeLessThanOrEqual(200);
    expect(out).toMatch(/…and \d+ more$/);
    expect(out.split('\n').slice(0, -1).every((l) => lines.includes(l))).toBe(true);
    expect(joinWithin(['a', 'b'], 100)).toBe('a\nb');
    for (let max = 40; max < 300; max += 7) expect(joinWithin(lines, max).length).toBeLessThanOrEqual(max);
  });

  test('percent and plural', () => {
    expect(percent(0.784)).toBe('78%');
    expect(percent(3)).toBe('100%');
    expect(plural(1, 'story', 'stories')).toBe('1 story');
    expect(plural(2, 'story', 'stories')).toBe('2 stories');
  });
});
