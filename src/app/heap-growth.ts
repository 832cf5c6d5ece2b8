import v8 from 'node:v8';

/**
 * How far V8 lets the heap grow past what the last full collection kept: 20%. By default the limit
 * grows to up to four times the live heap (the more so the more memory the machine has), so a
 * process whose live heap is 100 MB was seen at 330 MB of heap and 450 MB resident in a 5,000-feed
 * cycle, nearly all of it garbage not yet collected. With 20% (and tracking's cache of 20,000 items)
 * the same cycle peaked at 262-294 MB resident for about a tenth more CPU; a seeding cycle pays more
 * (a quarter more CPU, at a third of the memory). It is a growth factor, not a ceiling: a deployment
 * whose live heap needs more (a large deal index, many feeds) still gets it, where a fixed
 * --max-old-space-size would make it crash. V8 reads the factor each time it sets the next limit,
 * so setting it when the process starts is enough. An operator who wants another trade starts node
 * with `--heap-growing-percent=N` (0: V8's own); that is then left alone.
 */
export const HEAP_GROWING_PERCENT = 20;

/** Sets the factor unless node was started with one; true when it set it. */
export function keepHeapNearLive(execArgv: readonly string[] = process.execArgv): boolean {
  if (execArgv.some((arg) => /^--heap[-_]growing[-_]percent\b/.test(arg))) return false;
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  return true;
}
