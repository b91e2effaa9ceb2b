import type { Settings } from '../config/env';
import type { Db } from '../db/client';
import type { Mailer } from '../email/transport';
import type { Logger } from '../logger';
import type { HostGate } from './fetch/politeness';
import type { ReadingThreads } from './extract/reading-threads';

/** What a stage needs from the running system: the database, a logger, the settings. */
export interface StageContext {
  readonly db: Db;
  readonly log: Logger;
  readonly settings: Settings;
  /** Per-host politeness gate shared by every fetch of this process. */
  readonly hostGate?: HostGate;
  /** How emails leave (SMTP or the .eml outbox); present where the deliver stage runs. */
  readonly mailer?: Mailer;
  /** Threads the extract stage reads articles on; absent: it reads on the calling thread. */
  readonly readingThreads?: ReadingThreads;
}

/** Where a job stands in its retries, so a stage can tell a last attempt from an early one. */
export interface AttemptInfo {
  attempt: number;
  maxAttempts: number;
  /** When the job was due: its schedule's time for a scheduled job, else when it was added. */
  scheduledAt?: Date;
}
