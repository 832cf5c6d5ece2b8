import { createInterface } from 'node:readline';
import { createRuleClassifier } from '../deals/classify';
import { classifyJsonLines } from './classify-lines';

/**
 * `npm run classify`: JSON Lines on stdin ({id, title, summary, url?, source?, date?}), one JSON line
 * per input on stdout ({id, is_partnership, confidence, parties, status, kind, unconfirmed, evidence,
 * takeaways}). A bad line gives an error line on stderr and the run goes on; the exit code is 1 when
 * any line was bad.
 */
async function main(): Promise<number> {
  const classifier = createRuleClassifier();
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let buffer: string[] = [];
  const flush = (): void => {
    if (buffer.length > 0) process.stdout.write(`${buffer.join('\n')}\n`);
    buffer = [];
  };
  const bad = await classifyJsonLines(
    lines,
    classifier,
    (line) => {
      buffer.push(line);
      if (buffer.length >= 256) flush();
    },
    (message) => {
      flush();
      process.stderr.write(`${message}\n`);
    },
  );
  flush();
  return bad > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`classify failed: ${(error as Error).message}\n`);
    process.exitCode = 2;
  },
);
