import type { DeliveryContext } from './deliver-entry';
import type { OutboxEntry } from './outbox';
import { inStyle, styleOf } from './post';
import type { Queues } from './queue-state';
import { queueKeyOf } from './queue-state';

/**
 * Adds planned entries to the outbox, in one write: a send, digest, thread or notice only if it is
 * neither queued nor sent (planning the same post again after a crash queues nothing). An edit of a
 * story whose send is still waiting, untried, goes into that send (it will carry the new sources),
 * under the claim of the send's queue so that no worker is sending it meanwhile; otherwise it
 * replaces any queued edit of the same message.
 */
export async function enqueueEntries(ctx: DeliveryContext, queues: Queues, entries: readonly OutboxEntry[]): Promise<number> {
  const put = new Map<string, OutboxEntry>();
  let added = 0;
  for (const entry of entries) {
    const queue = queues.get(queueKeyOf(entry), entry.guildId, entry.channelId);
    const known = async (id: string) => put.get(id) ?? queue.entries.get(id) ?? (await ctx.outbox.get(id));
    if (entry.action === 'edit') {
      const send = await known(entry.sendId ?? '');
      if (send && !send.maybeSentSince && !queue.busy) {
        if (put.has(send.id)) {
          put.set(send.id, withEdit(send, entry));
          continue;
        }
        const merged = await mergeIntoSend(ctx, queue.key, send.id, entry);
        if (merged) {
          queues.add([merged]);
          ctx.observe({ type: 'queued', entry: merged });
          continue;
        }
      }
    } else if ((await known(entry.id)) || (await ctx.outbox.sent(entry.id))) {
      continue;
    }
    put.set(entry.id, entry);
    added += 1;
  }
  if (put.size === 0) return 0;
  const stored = [...put.values()];
  await ctx.outbox.commit({ put: stored });
  queues.add(stored);
  for (const entry of stored) ctx.observe({ type: 'queued', entry });
  return added;
}

const withEdit = (send: OutboxEntry, edit: OutboxEntry): OutboxEntry => ({ ...send, post: inStyle(edit.post, styleOf(send.post)) });

/** The send as stored, with the edit's post, when its queue can be claimed and the send is still untried; else undefined. */
async function mergeIntoSend(ctx: DeliveryContext, queue: string, sendId: string, edit: OutboxEntry): Promise<OutboxEntry | undefined> {
  const claim = await ctx.outbox.claim(queue);
  if (claim === undefined) return undefined;
  try {
    const send = await claim.outbox.get(sendId);
    if (send === undefined || send.maybeSentSince) return undefined;
    const merged = withEdit(send, edit);
    await claim.outbox.commit({ put: [merged] });
    return merged;
  } finally {
    await claim.release();
  }
}
