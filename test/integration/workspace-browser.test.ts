import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { queryRows } from '../../src/db/client';
import { runOnce } from '../../src/runtime/once';
import { seedEvent } from '../support/api';
import { launchChromium } from '../support/browser';
import { serveDirectory } from '../support/static-server';
import { startTestSystem, uniqueQueuePrefix } from '../support/system';

// The workspace in real headless chromium over the whole system: real feeds from the corpus
// (test/fixtures/e2e) and two hostile feeds (test/fixtures/workspace) fetched on loopback and
// run through every stage; then an analyst signs in, works the queue and records a verdict.

const here = path.dirname(fileURLToPath(import.meta.url));
const E2E = path.resolve(here, '../fixtures/e2e');
const HOSTILE = path.resolve(here, '../fixtures/workspace');
const KEY = 'test-key';
const SHOTS = process.env.SCREENSHOT_DIR ?? path.join(os.tmpdir(), 'crosscheck-screenshots');

function sourcesYaml(real: string, hostile: string): string {
  const rss = (id: string, url: string, trust: number, category: string, owner: string, name = id) =>
    `- { id: ${id}, name: "${name}", kind: rss, url: "${url}", trust: ${trust}, category: ${category}, owner: "${owner}", interval: 1h }`;
  return [
    rss('techcrunch', `${real}/TechCrunch.xml`, 65, 'news', 'Yahoo'),
    rss('sec-press', `${real}/pressreleases.rss`, 95, 'regulator', 'U.S. Securities and Exchange Commission'),
    // The pipeline strips markup from feed titles and text; names from the sources file reach the
    // pages as written, so they carry payloads too.
    rss('hostile-wire', `${hostile}/hostile-wire.rss`, 80, 'wire', "<img src=x onerror=alert('owner')>", "Hostile <script>alert('source')</script> Wire"),
    rss('hostile-blog', `${hostile}/hostile-blog.rss`, 45, 'blog', 'Hostile Blog'),
  ].join('\n');
}

/** What a page holds that could run or leak script: checked in the page itself. */
async function activeContent(page: Page) {
  // Evaluated in the page (a string, so the Node program needs no DOM types).
  return page.evaluate<{ scripts: string[]; handlers: string[]; frames: number; links: string[] }>(`(() => {
    const all = [...document.querySelectorAll('*')];
    return {
      scripts: [...document.scripts].map((s) => s.getAttribute('src') ?? 'inline: ' + (s.textContent || '').slice(0, 60)),
      handlers: all.flatMap((el) => [...el.attributes].filter((a) => a.name.toLowerCase().startsWith('on')).map((a) => el.tagName + ' ' + a.name)),
      frames: document.querySelectorAll('iframe, object, embed, img').length,
      links: all.flatMap((el) => ['href', 'src', 'action', 'xlink:href'].map((n) => el.getAttribute(n)).filter((v) => v !== null)),
    };
  })()`);
}

describe('analyst workspace in chromium', () => {
  let real: Awaited<ReturnType<typeof serveDirectory>>;
  let hostile: Awaited<ReturnType<typeof serveDirectory>>;
  let system: Awaited<ReturnType<typeof startTestSystem>>;
  let browser: Browser;
  let base: string;
  /** Dialogs that fired and content-security-policy violations the console reported: both must stay empty. */
  const dialogs: string[] = [];

  const api = async (url: string) => (await system.app!.inject({ method: 'GET', url })).json();
  async function newPage(context?: BrowserContext, width = 1280): Promise<Page> {
    const page = await (context ?? (await browser.newContext({ viewport: { width, height: 900 } }))).newPage();
    page.on('console', (message) => {
      if (/Content.Security.Policy/i.test(message.text())) dialogs.push(`${page.url()}: ${message.text()}`);
    });
    page.on('dialog', async (dialog) => {
      dialogs.push(`${page.url()}: ${dialog.message()}`);
      await dialog.dismiss();
    });
    return page;
  }
  async function signIn(page: Page, next = '/review') {
    await page.goto(`${base}/login?next=${encodeURIComponent(next)}`);
    await page.fill('input[name=key]', KEY);
    await Promise.all([page.waitForURL(`${base}${next}`), page.click('form.narrow button[type=submit]')]);
  }

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    [real, hostile] = await Promise.all([serveDirectory(E2E), serveDirectory(HOSTILE)]);
    system = await startTestSystem({ sourcesYaml: sourcesYaml(real.url, hostile.url), redisUrl: inject('redisUrl'), queuePrefix: uniqueQueuePrefix('workspace') });
    await runOnce(system, { timeoutMs: 240_000 });
    base = `http://127.0.0.1:${(system.app!.server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await system?.cleanup();
    await Promise.all([real?.close(), hostile?.close()]);
  });

  it('signs in, opens the queue and a claim, records a verdict and sees the status change on the page and in the API', async () => {
    const page = await newPage();
    await signIn(page);
    expect(await page.locator('header .who').textContent()).toContain('signed in as');
    const first = page.locator('ol.queue > li').first();
    expect(await first.locator('ul.reasons li').count()).toBeGreaterThan(0);
    await Promise.all([page.waitForURL(/\/claims\/\d+$/), first.locator('a.card-title').click()]);
    const claimId = Number(/\/claims\/(\d+)$/.exec(page.url())![1]);
    const before = await api(`/api/claims/${claimId}`);
    const verdict = before.status === 'refuted' ? 'confirmed' : 'refuted';
    expect(await page.locator('table.factors tbody tr').count()).toBe(before.explanation.length);

    await page.check(`input[name=status][value=${verdict}]`);
    await page.fill('textarea[name=note]', 'checked against the <b>primary</b> filing');
    await Promise.all([page.waitForURL(new RegExp(`/claims/${claimId}\\?recorded=${verdict}$`)), page.click('form.verdict button[type=submit]')]);
    await expect(page.locator('.notice.good').textContent()).resolves.toContain('recorded');
    expect(await page.locator('ol.history li').first().textContent()).toContain('checked against the <b>primary</b> filing');

    // The verify stage re-assesses the claim after the review; the page and the API then agree.
    await expect.poll(async () => (await api(`/api/claims/${claimId}`)).status, { timeout: 60_000, interval: 250 }).toBe(verdict);
    await page.goto(`${base}/claims/${claimId}`);
    expect((await page.locator('#claim-status').textContent())?.trim()).toBe(verdict);
    expect(await page.locator('table.factors').textContent()).toContain('Analyst verdict');
    await page.screenshot({ path: path.join(SHOTS, 'claim.png'), fullPage: true });
    await page.context().close();
  });

  it('splits an article off an event and merges it back through the event page forms, seen on the page and in the API', async () => {
    const events = (await api('/api/events?limit=200')).items as { id: number; articleCount: number }[];
    const event = events.find((e) => e.articleCount >= 2);
    expect(event, 'an event with two articles or more').toBeDefined();
    const { id } = event!;
    const leaving = (await api(`/api/events/${id}`)).articles.at(-1) as { id: number; title: string };
    const page = await newPage();
    await signIn(page, `/events/${id}`);

    await page.check(`form.split input[name=articleIds][value="${leaving.id}"]`);
    await page.fill('form.split textarea[name=reason]', 'a different <b>story</b>');
    await Promise.all([page.waitForURL(new RegExp(`/events/${id}\\?split=\\d+$`)), page.click('form.split button[type=submit]')]);
    const newId = Number(/split=(\d+)$/.exec(page.url())![1]);
    await expect(page.locator('.notice.good').textContent()).resolves.toContain(`event ${newId}`);
    expect(await page.locator(`form.split input[value="${leaving.id}"]`).count()).toBe(0);
    expect((await api(`/api/events/${id}`)).articles.map((a: { id: number }) => a.id)).not.toContain(leaving.id);
    expect((await api(`/api/events/${newId}`)).articles.map((a: { id: number }) => a.id)).toEqual([leaving.id]);
    // Both events are verified again through the real queue.
    const verified = async (eventId: number) =>
      (await queryRows<{ done: boolean }>(system.database.db, sql`select revision = verified_revision as done from events where id = ${eventId}`))[0];
    await expect.poll(async () => (await verified(newId)).done && (await verified(id)).done, { timeout: 60_000, interval: 250 }).toBe(true);

    await page.goto(`${base}/events/${id}`);
    await page.fill('form.merge input[name=other]', String(newId));
    await page.fill('form.merge textarea[name=reason]', 'same story after all');
    await Promise.all([page.waitForURL(new RegExp(`/events/${id}\\?merged=${newId}$`)), page.click('form.merge button[type=submit]')]);
    expect(await page.locator(`form.split input[value="${leaving.id}"]`).count()).toBe(1);
    const merged = await api(`/api/events/${newId}`);
    expect(merged.id).toBe(id);
    expect(merged.articles.map((a: { id: number }) => a.id)).toContain(leaving.id);
    // The merged event's page is the survivor's.
    await page.goto(`${base}/events/${newId}`);
    expect(page.url()).toBe(`${base}/events/${id}`);

    // Without a session the forms are not there and the routes refuse.
    const anonymous = await newPage();
    await anonymous.goto(`${base}/events/${id}`);
    expect(await anonymous.locator('form.split, form.merge').count()).toBe(0);
    const refused = await anonymous.request.post(`${base}/events/${id}/split`, { form: { articleIds: String(leaving.id), reason: 'x' }, maxRedirects: 0 });
    expect(refused.status()).toBe(401);
    await anonymous.context().close();
    await page.context().close();
  });

  it('changes nothing without a session, and refuses a form without its CSRF token', async () => {
    const [claim] = (await api('/api/claims?limit=1')).items;
    const reviewsBefore = (await api(`/api/claims/${claim.id}`)).reviews.length;

    const anonymous = await newPage();
    const refused = await anonymous.request.post(`${base}/claims/${claim.id}/verdict`, { form: { status: 'confirmed' }, maxRedirects: 0 });
    expect(refused.status()).toBe(401);
    await anonymous.goto(`${base}/claims/${claim.id}`);
    expect(await anonymous.locator('form.verdict').count()).toBe(0);
    expect(await anonymous.locator('a[href^="/login"]').count()).toBeGreaterThan(0);
    const badLogin = await anonymous.request.post(`${base}/login`, { form: { key: KEY }, maxRedirects: 0 });
    expect(badLogin.status()).toBe(403);
    expect((await anonymous.context().cookies()).some((c) => c.name === 'cc_session')).toBe(false);
    await anonymous.context().close();

    const signedIn = await newPage();
    await signIn(signedIn);
    const noToken = await signedIn.request.post(`${base}/claims/${claim.id}/verdict`, { form: { status: 'confirmed' }, maxRedirects: 0 });
    expect(noToken.status()).toBe(403);
    const wrongToken = await signedIn.request.post(`${base}/claims/${claim.id}/verdict`, { form: { status: 'confirmed', _csrf: 'forged' }, maxRedirects: 0 });
    expect(wrongToken.status()).toBe(403);
    expect((await api(`/api/claims/${claim.id}`)).reviews.length).toBe(reviewsBefore);

    // Signing out ends the session: the same request is refused as anonymous.
    await Promise.all([signedIn.waitForURL(`${base}/`), signedIn.click('header form button')]);
    const afterLogout = await signedIn.request.post(`${base}/claims/${claim.id}/verdict`, { form: { status: 'confirmed' }, maxRedirects: 0 });
    expect(afterLogout.status()).toBe(401);
    await signedIn.context().close();
  });

  it('accepts an entity candidate on /entities, and sees it in the registry list and the API', async () => {
    const pending = (await api('/api/entities?candidates=true&limit=200')).items as { id: number; name: string }[];
    expect(pending.length).toBeGreaterThan(0);

    // Without a session the page offers no forms, and a forged post changes nothing.
    const anonymous = await newPage();
    await anonymous.goto(`${base}/entities`);
    expect(await anonymous.locator('tr.candidate').count()).toBe(Math.min(pending.length, 50));
    expect(await anonymous.locator('tr.candidate form').count()).toBe(0);
    const refused = await anonymous.request.post(`${base}/entities/candidates/${pending[0].id}/accept`, { form: { kind: 'company' }, maxRedirects: 0 });
    expect(refused.status()).toBe(401);
    await anonymous.context().close();

    const page = await newPage();
    await signIn(page, '/entities');
    const row = page.locator('tr.candidate').first();
    const id = Number((await row.getAttribute('id'))!.replace('candidate-', ''));
    const name = (await row.locator('td.name').innerText()).trim();
    const noToken = await page.request.post(`${base}/entities/candidates/${id}/accept`, { form: { kind: 'company' }, maxRedirects: 0 });
    expect(noToken.status()).toBe(403);
    await row.locator('select[name=kind]').selectOption('company');
    await Promise.all([page.waitForURL(/\/entities\?decided=accepted/), row.locator('form.accept button').click()]);
    expect(await page.locator('.notice.good').innerText()).toContain(`${name} is accepted`);
    expect(await page.locator(`#candidate-${id}`).count()).toBe(0);

    await page.goto(`${base}/entities?q=${encodeURIComponent(name)}`);
    expect(await page.locator('table.registry tbody td:first-child').allInnerTexts()).toContain(name);
    const accepted = (await api('/api/entities?candidates=true&status=accepted&limit=200')).items.find((c: { id: number }) => c.id === id);
    expect(accepted).toMatchObject({ status: 'accepted', name });
    expect(await api(`/api/entities/${accepted.entityId}`)).toMatchObject({ name, kind: 'company', source: 'candidate' });

    // Rejecting the next one keeps it out of the registry and off the pending list.
    const next = page.locator('tr.candidate').first();
    if ((await next.count()) > 0) {
      const nextId = Number((await next.getAttribute('id'))!.replace('candidate-', ''));
      await Promise.all([page.waitForURL(/\/entities\?decided=rejected/), next.locator('form.reject button').click()]);
      const rejected = (await api('/api/entities?candidates=true&status=rejected&limit=200')).items.map((c: { id: number }) => c.id);
      expect(rejected).toContain(nextId);
      expect(await page.locator(`#candidate-${nextId}`).count()).toBe(0);
    }
    await page.screenshot({ path: path.join(SHOTS, 'entities.png'), fullPage: false });
    await page.context().close();
  });

  it('renders the hostile feed inert on every page', async () => {
    const hostileEvents = (await api('/api/events?source=hostile-wire&limit=50')).items.concat((await api('/api/events?source=hostile-blog&limit=50')).items);
    expect(hostileEvents.length).toBeGreaterThan(0);
    const claimIds: number[] = [];
    for (const e of hostileEvents) claimIds.push(...(await api(`/api/events/${e.id}`)).claims.map((c: { id: number }) => c.id));
    expect(claimIds.length).toBeGreaterThan(0);
    const urls = ['/', '/review', '/sources', '/entities', ...hostileEvents.map((e: { id: number }) => `/events/${e.id}`), ...claimIds.map((id) => `/claims/${id}`)];

    const page = await newPage();
    await signIn(page, '/');
    let shown = '';
    for (const url of urls) {
      await page.goto(`${base}${url}`);
      const found = await activeContent(page);
      expect(found.scripts, url).toEqual(['/assets/htmx.min.js', '/assets/app.js']);
      expect(found.handlers, url).toEqual([]);
      expect(found.frames, url).toBe(0);
      for (const link of found.links) expect(link, url).toMatch(/^(\/|#|https?:\/\/|url\(#)/i);
      shown += await page.locator('main').innerText();
    }
    // The payloads are shown as text, not dropped: what the feed said is what the analyst reads.
    expect(shown).toContain("Hostile <script>alert('source')</script> Wire");
    expect(shown).toContain("<img src=x onerror=alert('owner')>");
    // Whatever the pipeline kept of the hostile items is on the pages as text.
    for (const e of hostileEvents) {
      for (const a of (await api(`/api/events/${e.id}`)).articles) expect(shown, `article ${a.id}`).toContain(a.title);
    }
    expect(dialogs).toEqual([]);
    await page.context().close();
  });

  it('fits a 390 px wide screen without horizontal scrolling', async () => {
    const [event] = (await api('/api/events?limit=1')).items;
    const [claim] = (await api('/api/claims?limit=1')).items;
    const page = await newPage(undefined, 390);
    for (const url of ['/', '/review', '/sources', '/entities', '/login', `/events/${event.id}`, `/claims/${claim.id}`]) {
      await page.goto(`${base}${url}`);
      const { scroll, width } = await page.evaluate<{ scroll: number; width: number }>('({ scroll: document.documentElement.scrollWidth, width: window.innerWidth })');
      expect(scroll, url).toBeLessThanOrEqual(width);
    }
    await page.context().close();
  });

  it('refreshes the events list without a reload when a new event lands', async () => {
    const page = await newPage();
    await page.clock.install();
    await page.goto(`${base}/`);
    const marker = await page.evaluate<number>("(window.loadedOnce = true, document.querySelectorAll('#events .card').length)");
    expect(marker).toBeGreaterThan(0);
    await seedEvent(system.database.db, { title: 'Freshly landed event for the live list', lastSeenAt: new Date(Date.now() + 60_000) });
    await page.clock.fastForward(16_000);
    await page.locator('#events .card-title', { hasText: 'Freshly landed event' }).waitFor();
    // Same document: the list was swapped in place, not reloaded.
    expect(await page.evaluate<boolean>('window.loadedOnce === true')).toBe(true);
    await page.context().close();
  });

  it('takes screenshots of the home page and an event origin picture', async () => {
    // The event with the most to draw: copies and attributions, then articles.
    const events = (await api('/api/events?limit=200')).items as { id: number }[];
    let best = { id: events[0].id, weight: -1 };
    for (const { id } of events) {
      const { articles } = await api(`/api/events/${id}`);
      const weight = articles.filter((a: { duplicateOf: number | null; origin: string | null }) => a.duplicateOf || a.origin).length * 100 + articles.length;
      if (weight > best.weight) best = { id, weight };
    }
    const page = await newPage();
    await page.goto(`${base}/`);
    await page.screenshot({ path: path.join(SHOTS, 'home.png') });
    await page.goto(`${base}/events/${best.id}`);
    const graph = page.locator('svg.origin-graph');
    expect(await graph.locator('g.node').count()).toBeGreaterThan(1);
    expect(await graph.locator('path.edge').count()).toBeGreaterThan(0);
    await page.locator('section', { has: graph }).screenshot({ path: path.join(SHOTS, 'origins.png') });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${base}/review`);
    await page.screenshot({ path: path.join(SHOTS, 'review-narrow.png') });
    await page.context().close();
  });
});
