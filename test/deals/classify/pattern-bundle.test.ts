import { readFileSync } from 'node:fs';
import path from 'node:path';
import { compileCues } from '../../../src/deals/classify/cue-data';
import type { PatternSet } from '../../../src/deals/classify/pattern';
import { PatternBundle } from '../../../src/deals/classify/pattern';

/** The one-pass bundle must give exactly the hits of separate scans (it is only an optimisation). */

describe('PatternBundle', () => {
  it('finds overlapping hits of different patterns, and non-overlapping hits of one pattern', () => {
    const bundle = new PatternBundle([
      { key: 'a', source: 'according to' },
      { key: 'b', source: 'according to (?:a|the) report' },
      { key: 'c', source: 'to' },
    ]);
    const hits = bundle.scan('Spotify is in talks, according to the report, to buy it.');
    expect(hits.get('a')?.map((h) => h.text)).toEqual(['according to']);
    expect(hits.get('b')?.map((h) => h.text)).toEqual(['according to the report']);
    expect(hits.get('c')?.map((h) => h.text)).toEqual(['to', 'to']);
  });

  it('matches separate scans on the dev set for every bundled group', () => {
    const cues = compileCues();
    const dev = path.resolve(__dirname, '../../../../shared/corpus/deals-dev.jsonl');
    const texts = readFileSync(dev, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as { title: string; summary: string })
      .map((i) => `${i.title}\n${i.summary}`);
    const separate = (key: string): PatternSet | undefined =>
      key.startsWith('m:')
        ? cues.markers.get(key.slice(2) as never)
        : cues.veto.get(key.slice(2) as never)?.set;
    for (const bundle of cues.bundles) {
      for (const text of texts) {
        const together = bundle.scan(text);
        for (const key of bundle.keys) {
          const alone = (separate(key)?.scan(text) ?? []).map((h) => [h.start, h.end]);
          expect((together.get(key) ?? []).map((h) => [h.start, h.end])).toEqual(alone);
        }
      }
    }
  });
});
