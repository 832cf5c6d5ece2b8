/** Discord snowflakes: milliseconds since the Discord epoch in the high bits, then worker, process and
 * a per-generator increment. Ids made this way are 17 to 19 digit strings, as real ones are. */
const DISCORD_EPOCH = 1_420_070_400_000n;

export interface SnowflakeGenerator {
  /** A new id; `at` (epoch milliseconds) backdates it, e.g. for a guild created years ago. */
  next(at?: number): string;
}

export function createSnowflakeGenerator(workerId = 1, processId = 0): SnowflakeGenerator {
  let increment = BigInt(Math.floor(Math.random() * 4096));
  const worker = BigInt(workerId & 31) << 17n;
  const proc = BigInt(processId & 31) << 12n;
  return {
    next(at = Date.now()) {
      increment = (increment + 1n) & 0xfffn;
      const elapsed = BigInt(Math.floor(at)) - DISCORD_EPOCH;
      return ((elapsed << 22n) | worker | proc | increment).toString();
    },
  };
}

export function timestampOfSnowflake(id: string): number {
  return Number((BigInt(id) >> 22n) + DISCORD_EPOCH);
}

export function isSnowflake(value: unknown): value is string {
  return typeof value === 'string' && /^\d{17,20}$/.test(value);
}
