import { UnrecoverableError } from 'bullmq';

/** A failure that retrying cannot fix (a missing row, a bad payload): BullMQ fails the job at once. */
export class PermanentJobError extends UnrecoverableError {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentJobError';
  }
}
