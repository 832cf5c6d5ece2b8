/** Gateway sharding as Discord does it: a session identified with `shard: [id, count]` gets the guilds
 * whose `(guild_id >> 22) % count` is `id`, and events without a guild go to shard 0 only;
 * GET /gateway/bot recommends a shard count and tells the identify concurrency. */
import { createSnowflakeGenerator } from './snowflake';

export interface ShardingOptions {
  /** GET /gateway/bot recommends one shard per this many guilds, at least one (default 1,000). */
  guildsPerShard?: number;
  /** A session that would hold more guilds is closed with 4011 Sharding required (default 2,500, as Discord). */
  maxGuildsPerSession?: number;
  /** `session_start_limit.max_concurrency`: how many shards discord.js identifies at once (default 1). */
  maxConcurrency?: number;
}

export type ResolvedSharding = Required<ShardingOptions>;

export type Shard = [id: number, count: number];

export function resolveSharding(options: ShardingOptions = {}): ResolvedSharding {
  return {
    guildsPerShard: options.guildsPerShard ?? 1000,
    maxGuildsPerSession: options.maxGuildsPerSession ?? 2500,
    maxConcurrency: options.maxConcurrency ?? 1,
  };
}

/** Discord's formula: which of `count` shards receives a guild's events. */
export function shardOf(guildId: string, count: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(count));
}

export function shardOwns([id, count]: Shard, guildId: string | undefined): boolean {
  // Events without a guild (direct messages) go to shard 0 only.
  return guildId === undefined ? id === 0 : shardOf(guildId, count) === id;
}

/** The IDENTIFY `shard` field: absent means [0, 1]; anything but two integers with 0 ≤ id < count is invalid (null). */
export function parseShard(value: unknown): Shard | null {
  if (value === undefined) return [0, 1];
  if (!Array.isArray(value) || value.length !== 2) return null;
  const [id, count] = value as unknown[];
  if (!Number.isInteger(id) || !Number.isInteger(count)) return null;
  const shard: Shard = [id as number, count as number];
  return shard[1] >= 1 && shard[0] >= 0 && shard[0] < shard[1] ? shard : null;
}

export function recommendedShards(guildCount: number, sharding: ResolvedSharding): number {
  return Math.max(1, Math.ceil(guildCount / sharding.guildsPerShard));
}

/** The `index`-th guild id (of a guild made in 2023) that lands on `shardId` of `count` shards. */
export function guildIdOnShard(shardId: number, count: number, index = 0): string {
  if (!Number.isInteger(shardId) || shardId < 0 || shardId >= count) throw new Error(`discord emulator: shard ${shardId} is not one of ${count}`);
  const ids = createSnowflakeGenerator();
  const base = Date.UTC(2023, 0, 1);
  const shift = (shardId - shardOf(ids.next(base), count) + count) % count;
  return ids.next(base + shift + count * index);
}
