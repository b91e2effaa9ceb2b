import { createHmac } from 'node:crypto';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { saveAssessments, type AssessedClaim } from '../../src/db/queries/claim-assessments';
import { notifyJobId } from '../../src/jobs/ids';
import type { ClaimStatus } from '../../src/vocabulary';
import { seedEvent, seedSource } from '../support/api';
import { startLocalServer, type LocalServer } from '../support/local-http-server';
import { startTestSmtp, type TestSmtp } from '../support/smtp';
import { startTestSystem, uniqueQueuePrefix } from '../support/system';

// Delivery end to end on real services: the system's workers and API over Redis and PostgreSQL,
// a real SMTP server and a real HTTP receiver for webhooks. Status changes are written by the
// verify stage's own assessment write; everything after that runs through the queues.

const PUBLIC_URL = 'https://news.example.org';
const KEY = { authorization: 'Bearer test-key' };
const HOSTILE = `<script>alert(1)</script><img src=x onerror="alert(2)"> <a href="javascript:alert(3)">Acme</a> recalls batteries`;

const until = async <T>(probe: () => Promise<T | undefined | false>): Promise<T> => {
  for (;;) {
    const value = await probe();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

const claim = (status: ClaimStatus, confidence: number, origins: AssessedClaim['origins']): AssessedClaim => ({
  key: 'acme recall batteries',
  text: 'Acme is recalling 2 million laptop batteries',
  status,
  confidence,
  origins,
  explanation: [{ factor: 'status', effect: 0, detail: `evidence says ${status}` }],
  entityKeys: [],
  actor: 'rule',
  reason: `evidence says ${status}`,
  structure: { subject: null, predicate: null, objects: [], amounts: [], dates: [], polarity: 'affirmed' },
  evidence: [],
});

describe('delivery: digests, alerts, webhooks, consent', () => {
  let system: Awaited<ReturnType<typeof startTestSystem>>;
  let smtp: TestSmtp;
  let receiver: LocalServer;
  const hooks: { body: string; signature: string }[] = [];
  let eventId: number;
  let revision = 0;
  let digestId: string;

  const api = (method: 'GET' | 'POST', url: string, payload?: object, headers: Record<string, string> = KEY) =>
    system.app!.inject({ method, url, payload, headers });
  const subscribe = async (payload: object, headers: Record<string, string> = KEY) => {
    const res = await api('POST', '/api/subscriptions', payload, headers);
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };
  // One verification of the event, then its notify job, as the verify → notify flow runs it.
  const verify = async (status: ClaimStatus, confidence: number, origins: AssessedClaim['origins']) => {
    revision += 1;
    await saveAssessments(system.database.db, eventId, revision, [claim(status, confidence, origins)], {
      status,
      confidence,
      originCount: origins.length,
      actor: 'rule',
      reason: `its best-supported claim is ${status}`,
    });
    await system.bus.add({ name: 'NotifyEvent', payload: { eventId, revision }, jobId: notifyJobId(eventId, revision) });
  };
  // The batching window is a delayed job: promote it instead of waiting out the minute.
  const closeAlertWindow = async (subscribers = 1) => {
    const jobs = await until(async () => {
      const waiting = (await system.bus.queues.deliver.getDelayed()).filter((j) => j.name === 'SendAlerts');
      return waiting.length >= subscribers && waiting;
    });
    for (const job of jobs) await job.promote();
  };

  beforeAll(async () => {
    smtp = await startTestSmtp();
    receiver = await startLocalServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (c: Buffer) => chunks.push(c));
      request.on('end', () => {
        hooks.push({ body: Buffer.concat(chunks).toString('utf8'), signature: String(request.headers['x-crosscheck-signature']) });
        response.writeHead(204).end();
      });
    });
    system = await startTestSystem({
      sourcesYaml: '[]\n',
      redisUrl: inject('redisUrl'),
      queuePrefix: uniqueQueuePrefix('delivery'),
      postgresServerUrl: inject('postgresUrl'),
      env: { SMTP_URL: smtp.url, PUBLIC_URL, MAIL_FROM: 'Crosscheck <digest@news.example.org>', WEBHOOK_ALLOW_PRIVATE: 'true' },
    });
    await seedSource(system.database.db, { id: 'wire' });
    eventId = (await seedEvent(system.database.db, { title: HOSTILE, lastSeenAt: new Date(), articleCount: 5 })).id;
  }, 60_000);

  afterAll(async () => {
    await system?.cleanup();
    await smtp?.close();
    await receiver?.close();
  });

  it('sends a pending sign-up its confirmation and nothing else until it is confirmed', async () => {
    const pending = await subscribe({ email: 'pending@example.org', kind: 'alert' }, {});
    expect(pending.state).toBe('pending');
    const [confirmation] = await smtp.waitFor('pending@example.org');
    expect(confirmation.parsed.subject).toBe('Confirm your Crosscheck subscription');
    const link = /https:\/\/news\.example\.org\/confirm\?token=[A-Za-z0-9_-]+/.exec(confirmation.parsed.text ?? '')?.[0];
    expect(link).toBeDefined();
    // A confirmation is not a list message: no unsubscribe header to click instead of ignoring it.
    expect(confirmation.parsed.headers.has('list-unsubscribe')).toBe(false);

    // An active alert subscriber gets the event; the pending one, matching the same event, does not.
    await subscribe({ email: 'alerts@example.org', kind: 'alert' });
    await verify('single_origin', 0.42, [{ name: 'The Wall Street Journal', trust: 85, articleCount: 5 }]);
    await closeAlertWindow();
    const [alert] = await smtp.waitFor('alerts@example.org');
    expect(alert.parsed.subject).toContain('new event, single origin');
    expect(smtp.received.filter((m) => m.to.includes('pending@example.org'))).toHaveLength(1);

    // Following the link (GET shows a button, POST confirms) starts delivery.
    const url = new URL(link!);
    expect((await api('GET', `${url.pathname}${url.search}`, undefined, {})).body).toContain('<form method="post"');
    const confirmed = await api('POST', `${url.pathname}${url.search}`, undefined, {});
    expect(confirmed.statusCode).toBe(200);
    expect((await api('GET', `/api/subscriptions/${pending.id}`)).json().state).toBe('active');
  });

  it('alerts on a status change once, however often the event is re-verified', async () => {
    await verify('corroborated', 0.71, [
      { name: 'The Wall Street Journal', trust: 85, articleCount: 4 },
      { name: 'Reuters', trust: 90, articleCount: 2 },
    ]);
    // Two alert subscribers now: the one confirmed above gets the change too, in its own email.
    await closeAlertWindow(2);
    const mails = await smtp.waitFor('alerts@example.org', 2);
    const [, confirmedAlert] = await smtp.waitFor('pending@example.org', 2);
    expect(confirmedAlert.parsed.text).toContain('now corroborated (was single origin)');
    const change = mails[1].parsed;
    expect(change.text).toContain('now corroborated (was single origin)');
    expect(change.text).toContain('Acme is recalling 2 million laptop batteries');
    // The claim's history records both assessments, oldest first, with who and why.
    const claims = (await api('GET', `/api/claims?event=${eventId}`)).json().items;
    const detail = (await api('GET', `/api/claims/${claims[0].id}`)).json();
    expect(detail.history.map((h: { status: string }) => h.status)).toEqual(['single_origin', 'corroborated']);
    expect(detail.history[1]).toMatchObject({ previousStatus: 'single_origin', actor: 'rule', reason: 'evidence says corroborated' });

    // The same notify job again, and a re-verification that changes nothing: no new alert job at all.
    await system.bus.add({ name: 'NotifyEvent', payload: { eventId, revision }, jobId: `${notifyJobId(eventId, revision)}-again` });
    await verify('corroborated', 0.71, [
      { name: 'The Wall Street Journal', trust: 85, articleCount: 4 },
      { name: 'Reuters', trust: 90, articleCount: 2 },
    ]);
    await until(async () => (await system.bus.queues.notify.getJobCounts('completed')).completed >= 4);
    expect((await system.bus.queues.deliver.getDelayed()).filter((j) => j.name === 'SendAlerts')).toHaveLength(0);
    expect(smtp.received.filter((m) => m.to.includes('alerts@example.org'))).toHaveLength(2);
  }, 30_000);

  it('refuses webhook targets on link-local addresses, and signs what it posts', async () => {
    const metadata = await api('POST', '/api/subscriptions', { webhookUrl: 'http://169.254.169.254/latest/meta-data' });
    expect(metadata.statusCode).toBe(400);
    expect(metadata.json().error.message).toContain('169.254.169.254 (linkLocal)');
    const keyless = await api('POST', '/api/subscriptions', { webhookUrl: `${receiver.origin}/hook` }, {});
    expect(keyless.statusCode).toBe(401);

    const hook = await subscribe({ webhookUrl: `${receiver.origin}/hook` });
    expect(hook.secret).toMatch(/^[0-9a-f]{64}$/);
    expect((await api('GET', `/api/subscriptions/${hook.id}`)).json().secret).toBeUndefined();
    await verify('confirmed', 0.93, [{ name: 'Acme', trust: 95, articleCount: 1 }]);
    await until(async () => hooks.length >= 2);
    for (const { body, signature } of hooks) {
      expect(signature).toBe(`sha256=${createHmac('sha256', hook.secret).update(body).digest('hex')}`);
    }
    const payloads = hooks.map((h) => JSON.parse(h.body));
    const claimChange = payloads.find((p) => p.type === 'claim.status_changed');
    expect(claimChange).toMatchObject({
      claim: { status: 'confirmed', previousStatus: 'corroborated', text: 'Acme is recalling 2 million laptop batteries' },
      event: { id: eventId, title: HOSTILE, url: `${PUBLIC_URL}/events/${eventId}` },
    });
    expect(payloads.map((p) => p.type).sort()).toEqual(['claim.status_changed', 'event.status_changed']);
    const health = await until(async () => {
      const detail = (await api('GET', `/api/subscriptions/${hook.id}`)).json();
      return detail.deliveries.every((d: { status: string }) => d.status === 'sent') && detail;
    });
    expect(health.health).toMatchObject({ state: 'active', consecutiveFailures: 0 });
  });

  it('sends a digest, retried after a refused delivery and sent once, that renders feed text inert', async () => {
    const digest = await subscribe({ email: 'reader@example.org', frequency: 'daily', timezone: 'Europe/Paris', sendAt: '06:30' });
    digestId = digest.id;
    const schedulers = await system.bus.queues.deliver.getJobSchedulers(0, -1);
    expect(schedulers.find((s) => s.key === `digest-${digest.id}`)).toMatchObject({ pattern: '30 6 * * *', tz: 'Europe/Paris' });

    const preview = (await api('GET', `/api/subscriptions/${digest.id}/preview`)).json();
    expect(preview.events.map((e: { id: number }) => e.id)).toEqual([eventId]);
    expect(preview.events[0].evidenceText).toBe('confirmed by a primary source (origins: Acme)');

    smtp.refuseNext('reader@example.org', 1);
    const sent = await api('POST', `/api/subscriptions/${digest.id}/send`);
    expect(sent.statusCode).toBe(202);
    const [mail] = await smtp.waitFor('reader@example.org');
    expect(smtp.refused.get('reader@example.org')).toBe(1);
    const detail = await until(async () => {
      const d = (await api('GET', `/api/subscriptions/${digest.id}`)).json();
      return d.deliveries[0]?.status === 'sent' && d;
    });
    expect(detail.deliveries[0]).toMatchObject({ kind: 'digest', attempts: 2, lastError: null });

    const { parsed } = mail;
    expect(parsed.from?.value[0]).toMatchObject({ name: 'Crosscheck', address: 'digest@news.example.org' });
    expect(parsed.text).toContain('confirmed by a primary source (origins: Acme)');
    expect(parsed.messageId).toMatch(new RegExp(`^<crosscheck-\\d+-${digest.id}@news\\.example\\.org>$`));
    expect(mail.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r$/m);
    expect(mail.raw).toMatch(/Content-Type: multipart\/alternative/i);
    const html = String(parsed.html);
    const { document } = parseHTML(html);
    expect(document.querySelectorAll('script')).toHaveLength(0);
    expect(document.querySelectorAll('img')).toHaveLength(0);
    const attributes = [...document.querySelectorAll('*')].flatMap((el) => [...el.attributes].map((a) => [a.name, a.value]));
    expect(attributes.filter(([name]) => name.startsWith('on'))).toEqual([]);
    expect(attributes.filter(([name, value]) => name === 'href' && !value.startsWith(`${PUBLIC_URL}/`))).toEqual([]);
    // The hostile title is there, as text.
    expect(document.querySelector('h2 a')?.textContent).toBe(HOSTILE);

    // A second send in the same window has nothing new.
    expect((await api('POST', `/api/subscriptions/${digest.id}/send`)).json()).toEqual({ queued: false, deliveryId: null });
  }, 60_000);

  it('stops all mail at once with RFC 8058 one-click unsubscribe', async () => {
    const [mail] = await smtp.waitFor('reader@example.org');
    const header = /^List-Unsubscribe: <([^>]+)>/im.exec(mail.raw.replace(/\r\n[ \t]+/g, ' '))?.[1] ?? '';
    expect(header.startsWith(`${PUBLIC_URL}/unsubscribe?token=`)).toBe(true);
    const url = new URL(header);
    const res = await system.app!.inject({
      method: 'POST',
      url: `${url.pathname}${url.search}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(res.json()).toEqual({ unsubscribed: true });
    expect((await api('GET', `/api/subscriptions/${digestId}`)).json().health.state).toBe('unsubscribed');
    const again = await api('POST', `/api/subscriptions/${digestId}/send`);
    expect(again.statusCode).toBe(409);
    const schedulers = await system.bus.queues.deliver.getJobSchedulers(0, -1);
    expect(schedulers.filter((s) => s.key?.startsWith('digest-'))).toHaveLength(0);
  });
});
