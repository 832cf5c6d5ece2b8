import { MIN_SET_SIZE, tokenSetSimilarity, wordIds } from '../../../src/deals/stories/token-similarity';

const words = (text: string) => wordIds(text.split(' '));

describe('tokenSetSimilarity over word ids', () => {
  it('is the overlap coefficient: shared words over the smaller set (at least MIN_SET_SIZE)', () => {
    const a = words('spotify netflix award show deal stream live concert');
    const b = words('netflix spotify award show partnership');
    expect(tokenSetSimilarity(a, b)).toBeCloseTo(4 / MIN_SET_SIZE);
    expect(tokenSetSimilarity(words('a b c d e f g h'), words('a b c d e f g'))).toBe(1);
    expect(tokenSetSimilarity(words('a b c d e f g h'), words('a b c d e f q'))).toBeCloseTo(6 / 7);
  });

  it('leaves ignored words out of both sets and of what they share', () => {
    const a = words('spotify netflix a b c d e f');
    const b = words('spotify netflix a b c x y z');
    expect(tokenSetSimilarity(a, b)).toBeCloseTo(5 / 8);
    expect(tokenSetSimilarity(a, b, words('spotify netflix'))).toBeCloseTo(3 / 6);
  });

  it('counts a repeated word once, whatever order the words come in, and is 0 for an empty set', () => {
    expect(Array.from(words('b a b c a'))).toEqual(Array.from(words('c b a')));
    expect(tokenSetSimilarity(words('a b c'), wordIds([]))).toBe(0);
    expect(tokenSetSimilarity(words('spotify netflix'), words('spotify netflix'), words('netflix spotify'))).toBe(0);
  });
});
