import type { Kysely } from 'kysely';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { DB } from './db/tables.js';

/** What every service needs from the platform; built once at start and passed down. */
export interface Deps {
  db: Kysely<DB>;
  clock: Clock;
  config: Config;
}
