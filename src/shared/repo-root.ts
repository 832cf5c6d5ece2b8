import { existsSync } from 'node:fs';
import path from 'node:path';

/** The repository root (the folder holding package.json and tsconfig.json; dist/ may hold a copied package.json), found from a start folder upwards. */
export function findRepoRoot(start: string): string {
  let dir = path.resolve(start);
  for (;;) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'tsconfig.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${start}`);
    dir = parent;
  }
}

/** A file of the shared corpus, read in place beside the repository (../shared/corpus). */
export function sharedCorpusPath(file: string, start: string = __dirname): string {
  return path.resolve(findRepoRoot(start), '..', 'shared', 'corpus', file);
}
