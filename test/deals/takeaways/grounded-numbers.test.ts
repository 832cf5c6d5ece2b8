import { containsNumber, findUngroundedNumbers } from '../../../src/deals/takeaways/grounded-numbers';

const SOURCE =
  'Sony will pay $2.2 billion (US$2.2B) for 1.3 million songs in 2019. It owns 40 per cent, up 33%. ' +
  'A three-year deal from Q4 worth EUR 5m and 1,000 shows.';

describe('findUngroundedNumbers', () => {
  it('accepts numbers, amounts, percentages and years that the source contains', () => {
    for (const text of [
      'Sony will pay $2.2 billion.',
      'A price of US$2.2B.',
      'It covers 1.3 million songs.',
      'Since 2019.',
      'It owns 40 per cent.',
      'It owns 40%.',
      'Up 33 percent.',
      'A three-year deal.',
      'From Q4.',
      'Worth EUR 5m.',
      'Worth 5 million.',
      'A deal of 2.2 billion.',
      '1,000 shows.',
      'No numbers at all.',
    ]) {
      expect({ text, missing: findUngroundedNumbers(text, SOURCE) }).toEqual({ text, missing: [] });
    }
  });

  it('rejects a number the source lacks, or one that lost or changed its scale, currency or percent', () => {
    expect(findUngroundedNumbers('Sony will pay $2.3 billion.', SOURCE)).toEqual(['$2.3 billion']);
    expect(findUngroundedNumbers('Sony will pay $2.2.', SOURCE)).toEqual(['$2.2']);
    expect(findUngroundedNumbers('Sony will pay $2.2 million.', SOURCE)).toEqual(['$2.2 million']);
    expect(findUngroundedNumbers('Sony will pay GBP 2.2 billion.', SOURCE)).toEqual(['GBP 2.2 billion']);
    expect(findUngroundedNumbers('It owns 40 shares.', SOURCE)).toEqual(['40']);
    expect(findUngroundedNumbers('It owns 4 per cent.', SOURCE)).toEqual(['4 per cent']);
    expect(findUngroundedNumbers('In 2020.', SOURCE)).toEqual(['2020']);
    expect(findUngroundedNumbers('Some 13 songs.', SOURCE)).toEqual(['13']);
    expect(findUngroundedNumbers('1000 shows.', SOURCE)).toEqual([]);
  });

  it('rejects a number word the source lacks', () => {
    expect(findUngroundedNumbers('A five-year deal.', SOURCE)).toEqual(['five']);
    expect(findUngroundedNumbers('Dozens of artists, twice the reach.', SOURCE)).toEqual(['Dozens', 'twice']);
    expect(findUngroundedNumbers('A three-year deal.', SOURCE)).toEqual([]);
  });

  it('does not treat "40" as backed by "400" or "2019" as backed by "20190"', () => {
    expect(findUngroundedNumbers('40 songs', 'There are 400 songs.')).toEqual(['40']);
    expect(findUngroundedNumbers('In 2019', 'Code 20190.')).toEqual(['2019']);
  });
});

describe('containsNumber', () => {
  it('finds digits and number words', () => {
    expect(containsNumber('a deal')).toBe(false);
    expect(containsNumber('a 2 deal')).toBe(true);
    expect(containsNumber('a two-year deal')).toBe(true);
    expect(containsNumber('Millions of fans')).toBe(true);
  });
});
