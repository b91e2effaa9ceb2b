import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../api/errors';

// The workspace session: a signed cookie naming the writer (the same 8-hex id the API records for a
// Bearer key) and when it ends. Nothing is stored server-side, so signing out clears the cookie and a
// session ends by itself after SESSION_HOURS.
//
// The signing secret is 32 random bytes kept in $DATA_DIR/session-secret (created on first start,
// mode 0600), so sessions survive restarts; without a data directory (tests) it lives as long as the process.

export const SESSION_COOKIE = 'cc_session';
export const SESSION_HOURS = 12;

/** The cookie-signing secret: read from $DATA_DIR/session-secret, created there on first use. */
export async function loadSessionSecret(dataDir: string | undefined): Promise<string> {
  if (!dataDir) return randomBytes(32).toString('hex');
  const file = path.join(dataDir, 'session-secret');
  try {
    const stored = (await readFile(file, 'utf8')).trim();
    if (stored.length >= 32) return stored;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('hex');
  try {
    // 'wx': when two processes start at once, the first one's secret wins and the other reads it.
    await writeFile(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
    return secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return (await readFile(file, 'utf8')).trim();
  }
}

/** Who is signed in on this request (the writer id), or null. */
export function sessionWriter(request: FastifyRequest): string | null {
  const raw = request.cookies[SESSION_COOKIE];
  if (!raw) return null;
  const unsigned = request.unsignCookie(raw);
  if (!unsigned.valid || !unsigned.value) return null;
  const match = /^([0-9a-f]{8})\.(\d{13})$/.exec(unsigned.value);
  if (!match || Number(match[2]) < Date.now()) return null;
  return match[1];
}

/** Cookie attributes shared by the session and CSRF cookies. */
export function cookieOptions(secure: boolean) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure };
}

/** Opens a session for a writer. */
export function openSession(reply: FastifyReply, writer: string, secure: boolean): void {
  const expires = Date.now() + SESSION_HOURS * 3_600_000;
  reply.setCookie(SESSION_COOKIE, `${writer}.${expires}`, { ...cookieOptions(secure), signed: true, maxAge: SESSION_HOURS * 3600 });
}

/** Ends the session. */
export function closeSession(reply: FastifyReply, secure: boolean): void {
  reply.clearCookie(SESSION_COOKIE, cookieOptions(secure));
}

/** Refuses a change without a session (preValidation: the CSRF check runs after it). */
export async function requireSession(request: FastifyRequest): Promise<void> {
  if (!request.analyst) throw new ApiError(401, 'unauthorized', 'Sign in with a write key to make a change.');
}
