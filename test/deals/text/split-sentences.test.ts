import { splitSentences } from '../../../src/deals/text/split-sentences';

describe('splitSentences', () => {
  it('splits on full stops, question and exclamation marks before a capital', () => {
    expect(splitSentences('Spotify signed. Netflix agreed! Is it live? Yes.')).toEqual([
      'Spotify signed.',
      'Netflix agreed!',
      'Is it live?',
      'Yes.',
    ]);
  });

  it('keeps decimals, amounts and titles inside a sentence', () => {
    expect(splitSentences('Sony paid $2.2 billion for 1.3 million songs. Dr. Dre and Mr. Smith agreed.')).toEqual([
      'Sony paid $2.2 billion for 1.3 million songs.',
      'Dr. Dre and Mr. Smith agreed.',
    ]);
  });

  it('keeps "U.S." and "Inc." inside a sentence unless a new sentence clearly starts', () => {
    expect(
      splitSentences('Ticketmaster Entertainment Inc. is near a deal with Live Nation Inc. The boards have not approved it.'),
    ).toEqual(['Ticketmaster Entertainment Inc. is near a deal with Live Nation Inc.', 'The boards have not approved it.']);
    expect(splitSentences('It cleared U.S. and European hurdles. It closed in the U.S. The rest follows.')).toEqual([
      'It cleared U.S. and European hurdles.',
      'It closed in the U.S.',
      'The rest follows.',
    ]);
  });

  it('keeps initials and months, and ends a quoted sentence after the closing quote', () => {
    expect(splitSentences('John F. Kennedy spoke on Jan. 5 to fans. "It is not true." Fans agreed.')).toEqual([
      'John F. Kennedy spoke on Jan. 5 to fans.',
      '"It is not true."',
      'Fans agreed.',
    ]);
  });

  it('treats line breaks as boundaries and drops empty pieces', () => {
    expect(splitSentences('First line\n\nSecond line.  ')).toEqual(['First line', 'Second line.']);
    expect(splitSentences('')).toEqual([]);
  });

  it('does not split before a lowercase word', () => {
    expect(splitSentences('Warner Bros. agreed with e.g. partners. Then it closed.')).toEqual([
      'Warner Bros. agreed with e.g. partners.',
      'Then it closed.',
    ]);
  });
});
