import pino from 'pino';

export type Logger = pino.Logger;

/** The process logger: JSON lines on stderr so stdout stays free for summaries and bench figures. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { app: 'crosscheck' } }, pino.destination(2));
}
