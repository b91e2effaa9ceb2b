import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

// The only reader of process.env: settings are parsed once into a frozen object,
// and a bad value stops start-up naming the variable.

const urlWithScheme = (schemes: string[]) =>
  z.string().refine((value) => schemes.some((s) => value.startsWith(`${s}://`)), {
    message: `must start with ${schemes.map((s) => `${s}://`).join(' or ')}`,
  });

/** An origin as a browser sends it: scheme://host[:port], no path, query or trailing slash. */
function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value;
  } catch {
    return false;
  }
}

const EnvSchema = z.object({
  DATABASE_URL: urlWithScheme(['postgres', 'postgresql']).optional(),
  REDIS_URL: urlWithScheme(['redis', 'rediss']).optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  SOURCES_FILE: z.string().min(1).default('./sources.yaml'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  SMTP_URL: urlWithScheme(['smtp', 'smtps']).optional(),
  API_KEYS: z.string().optional(),
  CORS_ORIGINS: z
    .string()
    .refine((value) => value.split(',').every((o) => o.trim() === '' || isOrigin(o.trim())), {
      message: 'must be comma-separated origins such as https://app.example.com (scheme, host and optional port, nothing else)',
    })
    .optional(),
  PUBLIC_URL: urlWithScheme(['http', 'https']).optional(),
  MAIL_FROM: z.string().min(3).max(300).default('Crosscheck <crosscheck@localhost>'),
  UNSUBSCRIBE_MAILTO: z.string().email().optional(),
  WEBHOOK_ALLOW_PRIVATE: z.enum(['true', 'false']).default('false'),
  FETCH_HOST_DELAY_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
  FETCH_HOST_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  EXTRACT_THREADS: z.coerce.number().int().min(0).max(64).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Settings {
  readonly databaseUrl?: string;
  readonly redisUrl?: string;
  readonly dataDir: string;
  readonly sourcesFile: string;
  readonly port: number;
  readonly host: string;
  readonly smtpUrl?: string;
  readonly apiKeys: readonly string[];
  /** Origins allowed to call the API from a browser; empty: no cross-origin access. */
  readonly corsOrigins: readonly string[];
  /** Base of every link in emails, feeds and webhooks, without a trailing slash. */
  readonly publicUrl: string;
  readonly mailFrom: string;
  /** Address that unsubscribes by mail (List-Unsubscribe mailto), when set. */
  readonly unsubscribeMailto?: string;
  /** Webhooks may target loopback and private addresses (link-local never). */
  readonly webhookAllowPrivate: boolean;
  readonly logLevel: string;
  /** Politeness: minimum delay between request starts to one host, and requests at once per host. */
  readonly fetchHostDelayMs: number;
  readonly fetchHostConcurrency: number;
  /** Threads that read articles for the extract stage beside the process's own (0: read on its own thread). */
  readonly extractThreads: number;
}

export class SettingsError extends Error {}

/** Parses settings from an environment (process.env by default); throws SettingsError naming the bad key. */
export function loadSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SettingsError(`setting ${issue.path.join('.')}: ${issue.message}`);
  }
  const e = parsed.data;
  return Object.freeze({
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    dataDir: path.resolve(e.DATA_DIR),
    sourcesFile: path.resolve(e.SOURCES_FILE),
    port: e.PORT,
    host: e.HOST,
    smtpUrl: e.SMTP_URL,
    apiKeys: Object.freeze((e.API_KEYS ?? '').split(',').map((k) => k.trim()).filter(Boolean)),
    corsOrigins: Object.freeze((e.CORS_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean)),
    publicUrl: (e.PUBLIC_URL ?? `http://${e.HOST.includes(':') ? `[${e.HOST}]` : e.HOST}:${e.PORT}`).replace(/\/+$/, ''),
    mailFrom: e.MAIL_FROM,
    unsubscribeMailto: e.UNSUBSCRIBE_MAILTO,
    webhookAllowPrivate: e.WEBHOOK_ALLOW_PRIVATE === 'true',
    logLevel: e.LOG_LEVEL,
    fetchHostDelayMs: e.FETCH_HOST_DELAY_MS,
    fetchHostConcurrency: e.FETCH_HOST_CONCURRENCY,
    // One core is left to the process's own thread (queue, database, the other stages).
    extractThreads: e.EXTRACT_THREADS ?? Math.max(1, os.availableParallelism() - 1),
  });
}
