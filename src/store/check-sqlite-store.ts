import fs from 'node:fs';
import path from 'node:path';
import KeyvSqlite from '@keyv/sqlite';
import { asStoreFailure } from '../shared/store-failure';

/** How long the start-up check waits for SQLite before saying the store does not answer. */
export const STORE_CHECK_TIMEOUT_MS = 10_000;

/**
 * Can Crossover keep its state in this SQLite file? Checked once before anything starts, so that a
 * store that cannot work is reported with the configuration problems (and the process exits)
 * instead of failing later, or hanging. Creates the file's folder, repairs side files left
 * read-only (see fixSideFiles), opens the file, switches it to WAL and writes to it.
 * Returns what is wrong, naming the file, or undefined when the store works.
 */
export async function checkSqliteStore(file: string, timeoutMs = STORE_CHECK_TIMEOUT_MS): Promise<string | undefined> {
  const absolute = path.resolve(file);
  if (isFolder(absolute)) return `${absolute} is a folder; DATABASE_URL must name a database file in it, such as ${path.join(absolute, 'crossover.sqlite')}`;
  const folderProblem = ensureFolder(path.dirname(absolute));
  if (folderProblem) return folderProblem;
  const sideProblem = fixSideFiles(absolute);
  if (sideProblem) return sideProblem;

  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`the store ${absolute} did not answer within ${Math.round(timeoutMs / 1000)}s (a hung network file system, or a lock held by another program?)`), timeoutMs);
  });
  try {
    return await Promise.race([tryWrite(absolute), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function tryWrite(file: string): Promise<string | undefined> {
  const adapter = new KeyvSqlite({ uri: `sqlite://${file}`, busyTimeout: 5_000 });
  adapter.on('error', () => undefined); // reported below, from the failed query
  try {
    // Opening creates the file and Keyv's table; WAL needs the -wal and -shm files beside it; and
    // writing the header's user_version (to the value it has) proves that the file itself takes writes.
    await adapter.query('PRAGMA journal_mode=WAL');
    const [row] = (await adapter.query('PRAGMA user_version')) as unknown as { user_version: number }[];
    await adapter.query(`PRAGMA user_version = ${Number(row?.user_version ?? 0)}`);
    return undefined;
  } catch (error) {
    return describeOpenFailure(file, error);
  } finally {
    await adapter.disconnect().catch(() => undefined);
  }
}

function describeOpenFailure(file: string, error: unknown): string {
  const folder = path.dirname(file);
  if (!canWrite(folder) && (!fs.existsSync(file) || (error as { code?: string }).code === 'SQLITE_CANTOPEN')) {
    return `cannot create files in ${folder} (permission denied): Crossover keeps ${path.basename(file)} and its -wal and -shm files there`;
  }
  return asStoreFailure(error, file)?.message ?? `the store ${file} cannot be used: ${error instanceof Error ? error.message : String(error)}`;
}

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

/**
 * SQLite creates the -wal and -shm files with the database file's permissions. After a run on a
 * read-only database file they stay read-only when its permission is fixed, and SQLite then opens
 * the store read-only. They are only companions of the database, so when the database can be
 * written and they cannot, they get its permissions back (which only their owner may do).
 */
export function fixSideFiles(file: string): string | undefined {
  if (!fs.existsSync(file) || !canWrite(file)) return undefined;
  const mode = fs.statSync(file).mode & 0o666;
  for (const side of [`${file}-wal`, `${file}-shm`]) {
    if (!fs.existsSync(side) || canWrite(side)) continue;
    try {
      fs.chmodSync(side, mode);
    } catch {
      return `${side} is read-only and Crossover may not change it: give it the same owner and permissions as ${path.basename(file)}, or delete it while nothing uses the store`;
    }
  }
  return undefined;
}

function isFolder(file: string): boolean {
  try {
    return fs.statSync(file).isDirectory();
  } catch {
    return false;
  }
}

function canWrite(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.W_OK);
    return true;
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
