/** What the emulator sent on each shard's sessions, for tests of sharded bots. */
import type { RecordedGatewayEvent } from './recorder';
import type { Shard } from './sharding';

interface SentEvents {
  readonly identifies: readonly { sessionId: string; shard: Shard }[];
  readonly gatewayEvents: readonly RecordedGatewayEvent[];
}

/**
 * The guild ids of every event of one type the emulator sent, by the shard ("0/2") of the session
 * that got it; READY lists its guilds.
 */
export function sentByShard(emulator: SentEvents, event: string): Map<string, string[]> {
  const shardOfSession = new Map(emulator.identifies.map((i) => [i.sessionId, i.shard.join('/')]));
  const out = new Map<string, string[]>();
  for (const e of emulator.gatewayEvents) {
    if (e.direction !== 'sent' || e.t !== event || e.sessionId === null) continue;
    const shard = shardOfSession.get(e.sessionId) ?? '?';
    const d = e.d as { id?: string; guild_id?: string; guilds?: { id: string }[] };
    out.set(shard, [...(out.get(shard) ?? []), ...(d.guilds ? d.guilds.map((g) => g.id) : [d.guild_id ?? d.id ?? '-'])]);
  }
  return out;
}
