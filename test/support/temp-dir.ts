import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A fresh temporary folder, removed by the returned cleanup. */
export function makeTempDir(prefix = 'crossover-'): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** A sqlite:// URL for a new database file in a fresh temporary folder. */
export function makeTempDatabase(): { url: string; file: string; cleanup: () => void } {
  const { dir, cleanup } = makeTempDir();
  const file = path.join(dir, 'nested', 'crossover.sqlite');
  return { url: `sqlite://${file}`, file, cleanup };
}
