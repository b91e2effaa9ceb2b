import type { Settings } from '../config/env';
import type { Db } from '../db/client';
import type { Logger } from '../logger';

/** What a stage needs from the running system: the database, a logger, the settings. */
export interface StageContext {
  readonly db: Db;
  readonly log: Logger;
  readonly settings: Settings;
}

/** Where a job stands in its retries, so a stage can tell a last attempt from an early one. */
export interface AttemptInfo {
  attempt: number;
  maxAttempts: number;
}
