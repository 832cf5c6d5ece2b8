export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits until `check` holds, looking every `everyMs`; rejects after `timeoutMs` with `what` (and
 * `context()`, e.g. the last log lines, for the failure's message).
 */
export async function waitUntil(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 30_000,
  options: { everyMs?: number; context?: () => string } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${options.context ? `\n${options.context()}` : ''}`);
    await sleep(options.everyMs ?? 50);
  }
}
