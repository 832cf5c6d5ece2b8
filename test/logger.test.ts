import { Writable } from 'node:stream';
import { createLogger } from '../src/logger';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, destination };
}

describe('createLogger', () => {
  const token = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GhIjKl.abcdefghijklmnopqrstuvwxyz0123456789AB';

  it('never writes the token, wherever it turns up in a log line', () => {
    const { lines, destination } = capture();
    const log = createLogger({ level: 'trace', secrets: [token], destination });
    log.error({ err: new Error(`request with Bot ${token} failed`), headers: { authorization: `Bot ${token}` } }, `login ${token}`);
    const output = lines.join('');
    expect(output).not.toContain(token);
    expect(output).toContain('[redacted]');
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ level: 50, msg: 'login [redacted]' });
  });

  it('writes structured JSON lines at the configured level', () => {
    const { lines, destination } = capture();
    const log = createLogger({ level: 'warn', destination });
    log.info({ feed: 'x' }, 'ignored');
    log.warn({ feed: 'https://news.example/feed' }, 'feed failed');
    expect(lines.map((l) => JSON.parse(l) as Record<string, unknown>)).toEqual([
      expect.objectContaining({ level: 40, feed: 'https://news.example/feed', msg: 'feed failed' }),
    ]);
  });
});
