import net from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { formatDuration, parseDuration } from './shared/duration';
import type { StoreLocation } from './store/store-url';
import { parseStoreUrl, showStoreUrl } from './store/store-url';

/**
 * The one place that reads the environment. Every key of PRODUCT.md section 5 is here, each
 * validated on its own so that an operator sees every mistake in one message.
 */
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const DAY_MS = 86_400_000;

const boolean = z
  .string()
  .trim()
  .toLowerCase()
  .refine((v) => ['true', 'false', '1', '0', 'yes', 'no'].includes(v), 'must be true or false')
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const positiveDuration = z.string().transform((value, ctx) => {
  const ms = parseDuration(value);
  if (ms === undefined) ctx.addIssue({ code: 'custom', message: 'must be a duration such as 3d, 12h, 30m or 90s' });
  else if (ms <= 0) ctx.addIssue({ code: 'custom', message: 'must be longer than zero' });
  return ms ?? 0;
});

const port = z
  .string()
  .regex(/^\d+$/, 'must be a port number from 1 to 65535')
  .transform(Number)
  .refine((n) => n >= 1 && n <= 65535, 'must be a port number from 1 to 65535');

const shardCount = z.union([
  z.literal('auto'),
  z.string().regex(/^\d+$/, 'must be "auto" or a whole number of shards, 1 or more').transform(Number).refine((n) => n >= 1, 'must be 1 or more'),
], { error: 'must be "auto" or a whole number of shards, 1 or more' });

const shardIds = z
  .string()
  .transform((value, ctx) => {
    const parts = value.split(',').map((p) => p.trim());
    if (parts.some((p) => !/^\d+$/.test(p))) ctx.addIssue({ code: 'custom', message: 'must be shard numbers separated by commas, such as 0,1' });
    const ids = parts.map(Number);
    if (new Set(ids).size !== ids.length) ctx.addIssue({ code: 'custom', message: 'names a shard twice' });
    return ids;
  });

const cron = z.string().refine(isValidCron, 'is not a valid cron expression (five fields, such as */10 * * * *)');

const storeUrl = z.string().transform((value, ctx): StoreLocation => {
  const parsed = parseStoreUrl(value);
  if (parsed.kind === 'invalid') {
    ctx.addIssue({ code: 'custom', message: parsed.problem });
    return { kind: 'sqlite', file: '' };
  }
  return parsed;
});

const schema = {
  DISCORD_TOKEN: z.string().trim().min(1).optional(),
  DISCORD_API_BASE: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  DISCORD_GUILD_ID: z.string().regex(/^\d{17,20}$/, 'must be a Discord server id (a snowflake)').optional(),
  DATABASE_URL: storeUrl.default({ kind: 'sqlite', file: 'data/crossover.sqlite' }),
  FEEDS_FILE: z.string().min(1).optional(),
  POLL_CRON: cron.default('*/10 * * * *'),
  ALLOW_PRIVATE_FEED_HOSTS: boolean.default(false),
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  MAX_ITEM_AGE: positiveDuration.default(3 * DAY_MS),
  METRICS_PORT: port.optional(),
  METRICS_HOST: z.string().refine(isHost, 'must be a host name or an IP address, such as 127.0.0.1 or 0.0.0.0').optional(),
  RETENTION: positiveDuration.default(180 * DAY_MS),
  SHARD_COUNT: shardCount.optional(),
  SHARD_IDS: shardIds.optional(),
};
type Key = keyof typeof schema;
type Values = { [K in Key]: z.output<(typeof schema)[K]> };

/** Keys whose value is never repeated in a message. */
const SECRET_KEYS = new Set<Key>(['DISCORD_TOKEN']);

export interface Config {
  discordToken?: string;
  discordApiBase?: string;
  discordGuildId?: string;
  /** DATABASE_URL as written. */
  databaseUrl: string;
  /** DATABASE_URL, parsed. */
  store: StoreLocation;
  /** Absolute path of the default feed list, or undefined for the bundled curated list. */
  feedsFile?: string;
  pollCron: string;
  allowPrivateFeedHosts: boolean;
  logLevel: (typeof LOG_LEVELS)[number];
  maxItemAgeMs: number;
  /** Where GET /metrics and GET /healthz are served; undefined: not at all. */
  metrics?: { port: number; host: string };
  /** Records older than this may be pruned. */
  retentionMs: number;
  /** SHARD_COUNT and SHARD_IDS; undefined: one process, one shard. */
  shards?: ShardSettings;
}

/** The gateway shards: how many across every process (`auto`: as Discord recommends), and this process's (undefined: all). */
export interface ShardSettings {
  count: number | 'auto';
  ids?: number[];
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Crossover cannot start: ${problems.length === 1 ? 'a configuration problem' : `${problems.length} configuration problems`}\n` +
        problems.map((p) => `  - ${p}`).join('\n'),
    );
    this.name = 'ConfigError';
  }
}

export interface ParsedConfig {
  /** Undefined when there is any problem. */
  config?: Config;
  problems: string[];
  /** The keys that are fine on their own, so later checks (the feed list, the store) can run on them. */
  values: Partial<Config>;
}

/** Validates an environment; every problem is listed, none stops the others being found. */
export function parseConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): ParsedConfig {
  const problems: string[] = [];
  const data: Partial<Values> = {};
  for (const key of Object.keys(schema) as Key[]) {
    // Empty values mean "unset", as in most .env files copied from .env.example.
    const raw = env[key]?.trim() || undefined;
    const result = schema[key].safeParse(raw);
    if (result.success) (data as Record<Key, unknown>)[key] = result.data;
    else problems.push(`${describeKey(key, raw)}: ${result.error.issues.map((i) => i.message).join('; ')}`);
  }
  const values = toConfig(data, cwd);
  problems.push(...crossCheck(data));
  if (problems.length > 0) return { problems, values };
  return { config: values as Config, problems, values };
}

/** Validates an environment (process.env by default); throws ConfigError listing every bad key. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const { config, problems } = parseConfig(env, cwd);
  if (!config) throw new ConfigError(problems);
  return config;
}

function toConfig(data: Partial<Values>, cwd: string): Partial<Config> {
  const config: Partial<Config> = {
    discordToken: data.DISCORD_TOKEN,
    discordApiBase: data.DISCORD_API_BASE?.replace(/\/+$/, ''),
    discordGuildId: data.DISCORD_GUILD_ID,
    feedsFile: data.FEEDS_FILE === undefined ? undefined : path.resolve(cwd, data.FEEDS_FILE),
    pollCron: data.POLL_CRON,
    allowPrivateFeedHosts: data.ALLOW_PRIVATE_FEED_HOSTS,
    logLevel: data.LOG_LEVEL,
    maxItemAgeMs: data.MAX_ITEM_AGE,
    retentionMs: data.RETENTION,
    metrics: data.METRICS_PORT === undefined ? undefined : { port: data.METRICS_PORT, host: data.METRICS_HOST ?? '127.0.0.1' },
    shards: data.SHARD_COUNT === undefined ? undefined : { count: data.SHARD_COUNT, ids: data.SHARD_IDS },
  };
  if (data.DATABASE_URL) {
    config.store = data.DATABASE_URL;
    config.databaseUrl = data.DATABASE_URL.kind === 'sqlite' ? `sqlite://${data.DATABASE_URL.file}` : data.DATABASE_URL.url;
  }
  return config;
}

/** Rules between keys, checked when each key is fine on its own. */
function crossCheck(data: Partial<Values>): string[] {
  const problems: string[] = [];
  if (data.METRICS_HOST !== undefined && data.METRICS_PORT === undefined) {
    problems.push('METRICS_HOST: is set but METRICS_PORT is not; set METRICS_PORT to serve /metrics and /healthz');
  }
  if (data.SHARD_IDS !== undefined && data.SHARD_COUNT === undefined) {
    problems.push('SHARD_IDS: needs SHARD_COUNT, the total number of shards across every process');
  }
  const count = data.SHARD_COUNT;
  if (typeof count === 'number' && data.SHARD_IDS?.some((id) => id >= count)) {
    problems.push(`SHARD_IDS: shard ids run from 0 to ${count - 1} with SHARD_COUNT=${count}`);
  }
  if (count === 'auto' && data.SHARD_IDS !== undefined) {
    problems.push('SHARD_IDS: needs a number for SHARD_COUNT: with "auto" each process would ask Discord for the count on its own, and processes started at different times could disagree');
  }
  if (count !== undefined && data.DISCORD_TOKEN === undefined) {
    problems.push('SHARD_COUNT: shards are connections to Discord, and without DISCORD_TOKEN Crossover runs in console mode; set DISCORD_TOKEN, or leave SHARD_COUNT and SHARD_IDS unset');
  }
  if (data.RETENTION !== undefined && data.MAX_ITEM_AGE !== undefined && data.RETENTION < data.MAX_ITEM_AGE) {
    problems.push(
      `RETENTION: (${formatDuration(data.RETENTION)}) must be at least MAX_ITEM_AGE (${formatDuration(data.MAX_ITEM_AGE)}), or a pruned item could be posted again`,
    );
  }
  return problems;
}

/** `KEY ("value")`, the value shortened, hidden for secrets, a store URL without its password. */
function describeKey(key: Key, raw: string | undefined): string {
  if (raw === undefined || SECRET_KEYS.has(key)) return key;
  const shown = key === 'DATABASE_URL' ? showStoreUrl(raw) : raw;
  return `${key} ("${shown.length > 80 ? `${shown.slice(0, 80)}…` : shown}")`;
}

function isHost(value: string): boolean {
  return net.isIP(value.replace(/^\[(.*)\]$/, '$1')) !== 0 || /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i.test(value);
}

function isValidCron(expression: string): boolean {
  // node-cron's own validator, so the schedule that passes here is the one that runs.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const nodeCron = require('node-cron') as { validate(expression: string): boolean };
  return nodeCron.validate(expression);
}
