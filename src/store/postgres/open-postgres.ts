import type { Keyv } from 'keyv';
import type { Logger } from '../../logger';
import { createItemStore } from '../item-store';
import { checkNamespace } from '../namespace-name';
import type { KeyvFactory } from '../open-keyv';
import { keyvOver } from '../keyv-json';
import type { PgDatabase, PgDatabaseOptions } from './pg-database';
import { openPgDatabase } from './pg-database';
import { pgItemTables } from './pg-item-tables';
import { createPgLease } from './pg-lease';
import { createPgOutboxStore } from './pg-outbox-store';
import { createPgSchema } from './pg-schema';
import { PgKeyvStore } from './pg-keyv-store';

export interface PostgresFactory extends KeyvFactory {
  readonly kind: 'postgres';
  readonly database: PgDatabase;
}

/**
 * The store on Postgres, shared by any number of processes: records through Keyv (one adapter per
 * namespace over one pool, pg-keyv-store.ts), and in Postgres itself what must be atomic across
 * processes: transactions under advisory locks, the poll lease with its fencing token, the outbox
 * and its claims. `url` is DATABASE_URL; `shown` the same with its password hidden.
 */
export function openPostgresFactory(url: string, shown: string, log: Logger, options: PgDatabaseOptions = {}): PostgresFactory {
  const database = openPgDatabase(url, shown, log, { schema: createPgSchema, ...options });
  const factory: PostgresFactory = {
    kind: 'postgres',
    database,
    namespace<T>(name: string): Keyv<T> {
      checkNamespace(name);
      return keyvOver<T>(new PgKeyvStore(database), name, log);
    },
    transaction: (lock, work) => database.transaction(work, [lock]),
    outbox: (queueOf) => createPgOutboxStore(database, { sent: factory.namespace('sent'), skipped: factory.namespace('skipped-posts'), queueOf }),
    pollLease: (name, ttlMs) => createPgLease(database, name, ttlMs),
    items: () => createItemStore(pgItemTables(database), factory.namespace('pending')),
    async pragma() {
      throw new Error('PRAGMA is for SQLite stores');
    },
    close: () => database.close(),
  };
  return factory;
}
