import { spawn } from 'node:child_process';
import { ROOT, withBuildLock } from './support/built-app';

function npm(args: string[], input = ''): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn('npm', args, { cwd: ROOT, env: { PATH: process.env.PATH, HOME: process.env.HOME }, stdio: ['pipe', 'pipe', 'pipe'] });
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
 * banners on stdout before a script, and only its silent mode leaves them out (it cannot be set for
 * one script), so the README gives `npm run -s` for the JSON commands; npm's own messages and
 * errors show everywhere else.
 */
describe('npm', () => {
  it('says that a script is missing (npm run dmeo)', async () => {
    const run = await npm(['run', 'dmeo']);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('Missing script: "dmeo"');
  }, 60_000);

  it('puts nothing but JSON lines on stdout for npm run -s classify', async () => {
    const input = `${JSON.stringify({ id: 'a', title: 'Netflix and Spotify in talks over live concerts', summary: 'Netflix is reportedly in talks with Spotify.' })}\n`;
    const run = await withBuildLock(() => npm(['run', '-s', 'classify'], input));
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] as string)).toMatchObject({ id: 'a', is_partnership: true, parties: expect.arrayContaining(['Netflix', 'Spotify']) });
  }, 120_000);
});
