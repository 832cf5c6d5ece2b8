import { breaksWhenNeutralised, neutraliseText } from '../../../src/deals/takeaways/neutralise-text';

describe('neutraliseText', () => {
  it('removes @everyone and @here wherever they are, leaving no stray word or comma', () => {
    expect(neutraliseText('@everyone @here Spotify signs')).toBe('Spotify signs');
    expect(neutraliseText('Read it, @everyone, from @Spotify')).toBe('Read it from Spotify');
    expect(neutraliseText('mail ＠here now')).toBe('mail now');
    expect(neutraliseText('Fans @\u200beveryone will hear it @here.')).toBe('Fans will hear it.');
    expect(neutraliseText('@here: artists get paid')).toBe('artists get paid');
  });

  it('removes raw mentions, and disarms any other @ while keeping the name', () => {
    expect(neutraliseText('Hi <@123456789012345678> and <@!1> and <@&42> in <#77>')).toBe('Hi and and in');
    expect(neutraliseText('<@123456789012345678> Artists get paid (<@&42>) now <:party:123>')).toBe('Artists get paid now');
    expect(neutraliseText('A post by @Spotify')).toBe('A post by Spotify');
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

describe('breaksWhenNeutralised', () => {
  it('is true when a mention or a bare link sits inside the sentence (removing it leaves words dangling)', () => {
    expect(breaksWhenNeutralised('Hi <@123456789012345678> and <#77> in')).toBe(true);
    expect(breaksWhenNeutralised('Thanks to <@123> for the tip, artists will be paid.')).toBe(true);
    expect(breaksWhenNeutralised('Listen at https://evil.example/x from today.')).toBe(true);
  });

  it('is false when mentions only open or close it, or a link has a label', () => {
    expect(breaksWhenNeutralised('<@123> <@&42> Artists will be paid, says [our report](https://x.example) @here.')).toBe(false);
    expect(breaksWhenNeutralised('Artists, @here, will be paid.')).toBe(false);
  });
});
