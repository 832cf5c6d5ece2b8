import type { OutboxClaim, OutboxStore } from './outbox';

/** How long a resume waits for the channel's queue while another process delivers from it. */
export const RESUME_WAIT_MS = 30_000;

/** The queue's claim, waiting while another worker (in another process) finishes with it. */
export async function claimWithin(outbox: OutboxStore, queue: string, waitMs: number): Promise<OutboxClaim> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const claim = await outbox.claim(queue);
    if (claim !== undefined) return claim;
    if (Date.now() > deadline) throw new Error(`another process has been delivering the posts of ${queue} for ${waitMs / 1000} s; try again later`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
