import type { DealBenchResult, LatencyFigures } from './bench-deals';
import { benchDeals, formatDealBench, QUERY_P99_TARGET_MS } from './bench-deals';
import type { SummaryRow } from './bench-report';
import { formatMs, formatRatio } from './bench-report';
import { peakRssMb } from './bench-stats';

/**
 * Deal timelines (issue 3) for `npm run bench`: the deal store engineer's benchDeals (rebuild every
 * timeline from 100,000 stored items, then the commands' queries on that store), with this process's
 * peak memory. The rebuild has no target in the issue; it is set against the time it takes just to
 * read the stored items back (its floor, measured in the same run).
 */
export interface DealFigures {
  bench: DealBenchResult;
  peakRssMb: number;
}

export async function benchDealFigures(): Promise<DealFigures> {
  const bench = await benchDeals();
  return { bench, peakRssMb: peakRssMb() };
}

export function formatDealFigures(f: DealFigures): string[] {
  const { bench } = f;
  return [
    ...formatDealBench(bench),
    `  rebuild / reading the items back ${formatRatio(bench.rebuildTotalMs / bench.readItemsMs)}; peak RSS of the benchmark process ${f.peakRssMb.toFixed(0)} MB`,
  ];
}

function worstQuery(b: DealBenchResult): { name: string; figures: LatencyFigures } {
  const queries: [string, LatencyFigures][] = [
    ['findDeals', b.findDeals],
    ['listDeals', b.listDeals],
    ['autocompleteDeals', b.autocompleteDeals],
    ['searchStories', b.searchStories],
    ['after a foreign write', b.queryAfterForeignWrite],
  ];
  const [name, figures] = queries.reduce((worst, q) => (q[1].p99 > worst[1].p99 ? q : worst));
  return { name, figures };
}

export function summarizeDealFigures(f: DealFigures): SummaryRow[] {
  const { bench } = f;
  const worst = worstQuery(bench);
  return [
    {
      figure: `Deal timelines rebuild (${bench.items.toLocaleString('en')} items)`,
      value: formatMs(bench.rebuildTotalMs),
      target: '',
      baseline: `reading the items back ${formatMs(bench.readItemsMs)}`,
    },
    {
      figure: 'Deal queries, worst p99',
      value: `${formatMs(worst.figures.p99)} (${worst.name})`,
      target: `p99 < ${QUERY_P99_TARGET_MS} ms`,
      baseline: `its median ${formatMs(worst.figures.median)}`,
      met: worst.figures.p99 < QUERY_P99_TARGET_MS,
    },
  ];
}
