import type { DeliveryContext } from './deliver-entry';
import type { OutboxEntry } from './outbox';
import { inStyle, styleOf } from './post';
import type { Queues } from './queue-state';
import { queueKeyOf } from './queue-state';

/**
 * Adds planned entries to the outbox, in one write: a send, digest, thread or notice only if it is
 * neither queued nor sent (planning the same post again after a crash queues nothing). An edit of a
 * story whose send is still waiting, untried, goes into that send (it will carry the new sources);
 * otherwise it replaces any queued edit of the same message.
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
        put.set(send.id, { ...send, post: inStyle(entry.post, styleOf(send.post)) });
        continue;
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
