/** Folders for the SQLite store, made without loading a SQLite driver (the store itself opens with better-sqlite3). */
import fs from 'node:fs';
import path from 'node:path';

/**
 * Creates the folder and any missing parents, one level at a time: Node's recursive mkdir loops
 * forever on some paths (under /proc, for one), where this fails at once, naming the folder.
 */
export function ensureFolder(folder: string): string | undefined {
  const missing: string[] = [];
  let current = folder;
  while (!fs.existsSync(current)) {
    missing.unshift(current);
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  if (fs.existsSync(current) && !isFolder(current)) return `cannot create the folder ${folder}: ${current} is a file`;
  for (const dir of missing) {
    try {
      fs.mkdirSync(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST' && isFolder(dir)) continue;
      return `cannot create the folder ${dir} for the store (${describeFsError(error)})`;
    }
  }
  return undefined;
}

export function isFolder(file: string): boolean {
  try {
    return fs.statSync(file).isDirectory();
  } catch {
    return false;
  }
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EROFS') return 'read-only file system';
  if (code === 'ENOENT') return 'this file system does not allow it';
  if (code === 'ENOSPC') return 'the disk is full';
  return error instanceof Error ? error.message : String(error);
}
