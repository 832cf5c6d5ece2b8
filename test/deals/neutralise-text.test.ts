import { neutraliseText } from '../../src/deals/neutralise-text';

describe('neutraliseText', () => {
  it('removes leading @everyone/@here and raw mentions, and disarms any other @', () => {
    expect(neutraliseText('@everyone @here Spotify signs')).toBe('Spotify signs');
    expect(neutraliseText('Hi <@123456789012345678> and <@!1> and <@&42> in <#77>')).toBe('Hi and and in');
    expect(neutraliseText('Read it, @everyone, from @Spotify')).toBe('Read it, everyone, from Spotify');
    expect(neutraliseText('mail ＠here now')).toBe('mail here now');
  });

  it('strips markdown and links, keeping the words', () => {
    expect(neutraliseText('**Bold** __under__ ~~gone~~ ||spoiler|| `code` [label](https://x.example/a_(b))')).toBe(
      'Bold under gone spoiler code label',
    );
    expect(neutraliseText('# Heading\n> quote\n- item')).toBe('Heading quote item');
    expect(neutraliseText('See https://evil.example/x now')).toBe('See now');
    expect(neutraliseText('snake_case stays')).toBe('snake_case stays');
  });
});
