import { createRuleClassifier } from '../../src/deals/classify';
import { classifyJsonLines, classifyLine } from '../../src/cli/classify-lines';

/** The JSON Lines contract of `npm run classify` (PRODUCT.md section 5). */

const classifier = createRuleClassifier();
const KEYS = ['id', 'is_partnership', 'confidence', 'parties', 'status', 'kind', 'unconfirmed', 'evidence', 'takeaways'];

describe('classifyLine', () => {
  it('writes exactly the contract keys, in order', () => {
    const r = classifyLine(JSON.stringify({ id: 'a1', title: 'Spotify acquires Kobalt', summary: 'Spotify has agreed to acquire Kobalt.' }), 1, classifier);
    expect(r?.ok).toBe(true);
    const out = JSON.parse((r as { line: string }).line);
    expect(Object.keys(out)).toEqual(KEYS);
    expect(out).toMatchObject({ id: 'a1', is_partnership: true, parties: ['Spotify', 'Kobalt'], status: 'announced' });
    expect(Array.isArray(out.takeaways)).toBe(true);
    expect(out.takeaways.length).toBeGreaterThan(0);
  });

  it('gives null status and empty parties and kinds for a non-deal', () => {
    const r = classifyLine(JSON.stringify({ id: 7, title: 'Deezer raises prices', summary: 'Deezer is raising prices.', url: 'https://example.org' }), 1, classifier);
    const out = JSON.parse((r as { line: string }).line);
    expect(out).toMatchObject({ id: 7, is_partnership: false, status: null, parties: [], kind: [], takeaways: [] });
  });

  it('reports a bad line without throwing', () => {
    expect(classifyLine('{"id": "x", "title": 3}', 4, classifier)).toMatchObject({ ok: false, error: expect.stringMatching(/^line 4: /) });
    expect(classifyLine('not json', 5, classifier)).toMatchObject({ ok: false, error: expect.stringMatching(/^line 5: not JSON/) });
    expect(classifyLine('   ', 6, classifier)).toBeNull();
  });
});

describe('classifyJsonLines', () => {
  it('goes on after a bad line and counts the bad ones', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const bad = await classifyJsonLines(
      ['{"id":"1","title":"Tidal signs deal with Sony Music","summary":"Tidal signed a licensing agreement with Sony Music."}', 'oops', '', '{"id":"2","title":"Hello","summary":"World"}'],
      classifier,
      (l) => out.push(l),
      (e) => err.push(e),
    );
    expect(bad).toBe(1);
    expect(out.map((l) => JSON.parse(l).id)).toEqual(['1', '2']);
    expect(err).toEqual([expect.stringMatching(/^line 2: /)]);
  });
});
