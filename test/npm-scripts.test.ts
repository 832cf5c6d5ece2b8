import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, withBuildLock } from './support/built-app';
import { makeTempDir } from './support/temp-dir';

function npm(args: string[], input = '', env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn('npm', args, { cwd: ROOT, env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end(input);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * npm as the README says to use it, spawned for real. npm 11 prints "> crossover@0.1.0 classify"
 * banners before a script, on stdout unless in json mode; the project's .npmrc sets json=true so the
 * contract's JSON commands put nothing else on stdout, while npm's own errors still show.
 */
describe('npm', () => {
  it('says that a script is missing (npm run dmeo)', async () => {
    const run = await npm(['run', 'dmeo']);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('Missing script: "dmeo"');
  }, 60_000);

  it('puts nothing but JSON lines on stdout for npm run classify', async () => {
    const input = `${JSON.stringify({ id: 'a', title: 'Netflix and Spotify in talks over live concerts', summary: 'Netflix is reportedly in talks with Spotify.' })}\n`;
    const run = await withBuildLock(() => npm(['run', 'classify'], input));
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] as string)).toMatchObject({ id: 'a', is_partnership: true, parties: expect.arrayContaining(['Netflix', 'Spotify']) });
  }, 120_000);

  it('puts nothing but JSON lines on stdout for npm start -- --once --json', async () => {
    const { dir, cleanup } = makeTempDir();
    try {
      // One feed that refuses connections: the run prints its feed_error event and nothing else.
      const feedsFile = path.join(dir, 'feeds.json');
      fs.writeFileSync(feedsFile, JSON.stringify([{ name: 'Closed', url: 'http://127.0.0.1:1/feed.xml' }]));
      const env = { FEEDS_FILE: feedsFile, DATABASE_URL: `sqlite://${path.join(dir, 'store.sqlite')}`, ALLOW_PRIVATE_FEED_HOSTS: 'true', LOG_LEVEL: 'silent' };
      const run = await withBuildLock(() => npm(['start', '--', '--once', '--json'], '', env));
      expect(run.code).toBe(0);
      const events = run.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as { event: string });
      expect(events.map((e) => e.event)).toContain('feed_error');
    } finally {
      cleanup();
    }
  }, 120_000);
});
