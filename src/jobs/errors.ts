import { UnrecoverableError } from 'bullmq';

/** A failure that retrying cannot fix (a missing row, a bad payload): BullMQ fails the job at once. */
export class PermanentJobError extends UnrecoverableError {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentJobError';
  }
}

/** Not yet: the job goes back to the queue for `waitMs` without spending an attempt (the stage asked to wait). */
export class JobWaits extends Error {
  constructor(
    readonly waitMs: number,
    reason: string,
  ) {
    super(reason);
    this.name = 'JobWaits';
  }
}
