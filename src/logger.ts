import pino from 'pino';

export type Logger = pino.Logger;

export interface LoggerOptions {
  level: string;
  /** Strings that must never reach a log line (the bot token); each is replaced by [redacted]. */
  secrets?: (string | undefined)[];
  /** Where lines go; stderr by default so that stdout stays free for console-mode output. */
  destination?: pino.DestinationStream;
}

/** Structured JSON logs (pino), object first: `log.info({ feed }, 'polled')`. */
export function createLogger(options: LoggerOptions): Logger {
  const secrets = (options.secrets ?? []).filter((s): s is string => typeof s === 'string' && s.length >= 8);
  return pino(
    {
      level: options.level,
      base: undefined,
      hooks: {
        streamWrite: (line) => secrets.reduce((out, secret) => out.split(secret).join('[redacted]'), line),
      },
    },
    options.destination ?? pino.destination({ fd: 2, sync: true }),
  );
}

/** A logger that drops everything, for tests and tools that do not want logs. */
export function createSilentLogger(): Logger {
  return pino({ level: 'silent' });
}
