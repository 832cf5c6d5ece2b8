import path from 'node:path';
import { z } from 'zod';
import { parseDuration } from './duration';

/**
 * The one place that reads the environment. Every key of PRODUCT.md section 5 is here, validated
 * together so that an operator sees every mistake in one message.
 */
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const boolean = z
  .string()
  .trim()
  .toLowerCase()
  .refine((v) => ['true', 'false', '1', '0', 'yes', 'no'].includes(v), 'must be true or false')
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const duration = z.string().transform((value, ctx) => {
  const ms = parseDuration(value);
  if (ms === undefined) {
    ctx.addIssue({ code: 'custom', message: 'must be a duration such as 3d, 12h, 30m or 90s' });
    return z.NEVER;
  }
  return ms;
});

const schema = z.object({
  DISCORD_TOKEN: z.string().trim().min(1).optional(),
  DISCORD_API_BASE: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  DISCORD_GUILD_ID: z.string().regex(/^\d{17,20}$/, 'must be a Discord server id (a snowflake)').optional(),
  DATABASE_URL: z
    .string()
    .regex(/^[a-z][a-z0-9+.-]*:\/\//, 'must be a store URL such as sqlite://data/crossover.sqlite')
    .default('sqlite://data/crossover.sqlite'),
  FEEDS_FILE: z.string().min(1).optional(),
  POLL_CRON: z.string().default('*/10 * * * *'),
  ALLOW_PRIVATE_FEED_HOSTS: boolean.default(false),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  MAX_ITEM_AGE: duration.default(3 * 24 * 3600 * 1000),
});

export interface Config {
  discordToken?: string;
  discordApiBase?: string;
  discordGuildId?: string;
  databaseUrl: string;
  /** Absolute path of the default feed list, or undefined for the bundled curated list. */
  feedsFile?: string;
  pollCron: string;
  allowPrivateFeedHosts: boolean;
  logLevel: (typeof LOG_LEVELS)[number];
  maxItemAgeMs: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Validates an environment (process.env by default); throws ConfigError listing every bad key. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  // Empty values mean "unset", as in most .env files copied from .env.example.
  const present = Object.fromEntries(
    Object.keys(schema.shape)
      .map((key) => [key, env[key]?.trim()] as const)
      .filter(([, value]) => value !== undefined && value !== ''),
  );
  const result = schema.safeParse(present);
  const problems: string[] = [];
  if (!result.success) {
    for (const issue of result.error.issues) problems.push(`${issue.path.join('.')}: ${issue.message}`);
  }
  if (result.success && !isValidCron(result.data.POLL_CRON)) {
    problems.push(`POLL_CRON: "${result.data.POLL_CRON}" is not a valid cron expression`);
  }
  if (!result.success || problems.length > 0) throw new ConfigError(problems);
  const data = result.data;
  return {
    discordToken: data.DISCORD_TOKEN,
    discordApiBase: data.DISCORD_API_BASE?.replace(/\/+$/, ''),
    discordGuildId: data.DISCORD_GUILD_ID,
    databaseUrl: data.DATABASE_URL,
    feedsFile: data.FEEDS_FILE === undefined ? undefined : path.resolve(cwd, data.FEEDS_FILE),
    pollCron: data.POLL_CRON,
    allowPrivateFeedHosts: data.ALLOW_PRIVATE_FEED_HOSTS,
    logLevel: data.LOG_LEVEL,
    maxItemAgeMs: data.MAX_ITEM_AGE,
  };
}

function isValidCron(expression: string): boolean {
  // node-cron's own validator, so the schedule that passes here is the one that runs.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cron = require('node-cron') as { validate(expression: string): boolean };
  return cron.validate(expression);
}
