import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A throwaway SQLite database in a fresh temporary folder, for the demo and benchmarks. */
export function makeScratchDatabase(): { url: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crossover-scratch-'));
  return {
    url: `sqlite://${path.join(dir, 'crossover.sqlite')}`,
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
