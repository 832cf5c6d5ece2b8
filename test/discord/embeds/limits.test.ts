import { cut, embedLength, fitEmbed, LIMITS, neutraliseMentions } from '../../../src/discord/embeds/limits';

describe('embed limits', () => {
  it('cuts at a word boundary with an ellipsis, never past the limit', () => {
    expect(cut('short', 10)).toBe('short');
    const cutText = cut('The quick brown fox jumps over the lazy dog', 20);
    expect(cutText).toBe('The quick brown fox…');
    expect(cut('x'.repeat(300), 256)).toHaveLength(256);
    expect(cut(`${'a'.repeat(9)}😀😀`, 11).length).toBeLessThanOrEqual(11);
  });

  it('breaks mass mentions and mention syntax in feed text', () => {
    const text = neutraliseMentions('Hey @everyone and @here, <@123456789012345678> <@&123456789012345678> <#123456789012345678>');
    expect(text).not.toMatch(/@everyone|@here|<@\d|<@&\d|<#\d/);
  });

  it('fits every field and the 6000 total', () => {
    const fitted = fitEmbed({
      title: 't'.repeat(1000),
      description: 'd'.repeat(10_000),
      author: { name: 'a'.repeat(1000) },
      footer: { text: 'f'.repeat(5000) },
      fields: Array.from({ length: 40 }, () => ({ name: 'n'.repeat(400), value: 'v'.repeat(2000) })),
    });
    expect(fitted.title?.length).toBeLessThanOrEqual(LIMITS.title);
    expect(fitted.author?.name.length).toBeLessThanOrEqual(LIMITS.author);
    expect(fitted.footer?.text.length).toBeLessThanOrEqual(LIMITS.footer);
    expect(fitted.fields?.length).toBeLessThanOrEqual(LIMITS.fields);
    for (const field of fitted.fields ?? []) {
      expect(field.name.length).toBeLessThanOrEqual(LIMITS.fieldName);
      expect(field.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
    }
    expect(embedLength(fitted)).toBeLessThanOrEqual(LIMITS.embedTotal);
  });
});
