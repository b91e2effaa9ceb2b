// Digest build time: 10,000 digest subscribers over a window of 1,000 events, on the embedded
// database. The window's events are loaded once; subscribers are read in pages of 500 and each
// digest is matched, ordered, worded and rendered (HTML and text), then dropped, so memory stays
// bounded by one page of subscribers and one window of events. Prints one JSON line.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../src/db/client';
import { eventsOfWindow } from '../src/db/queries/digest-events';
import { statusMovesBetween } from '../src/db/queries/status-changes';
import { digestSubscriptionsPage } from '../src/db/queries/subscriptions';
import { runMigrations } from '../src/db/migrate';
import { digestFor, movesByEvent, prepareWindow } from '../src/email/digest';
import { linksFrom } from '../src/email/links';
import { renderDigest } from '../src/email/render';

const SUBSCRIBERS = 10_000;
const EVENTS = 1_000;
const PAGE = 500;

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'crosscheck-bench-digest-'));
const database = await openDatabase({ dataDir });
try {
  await runMigrations(database);
  const db = database.db;
  const windowEnd = new Date();
  const windowStart = new Date(windowEnd.getTime() - 86_400_000);
  // Multi-row inserts in SQL: drizzle builds inserts of this size slowly.
  await db.execute(sql`insert into sources (id, name, kind, url, trust, category, owner, interval_seconds)
    select 'source-' || g, 'Source ' || g, 'rss', 'https://s' || g || '.example/feed', 40 + g * 5, 'news', 'owner-' || g, 900 from generate_series(1, 10) g`);
  await db.execute(sql`insert into events (title, first_seen_at, last_seen_at, article_count, origin_count, status, confidence, verified_at)
    select 'Event ' || g || ': ' || (array['Acme recalls batteries', 'FTC sues chip maker', 'OpenAI releases model', 'SEC fines bank'])[1 + g % 4],
      ${windowStart}::timestamptz + (g || ' minutes')::interval, ${windowStart}::timestamptz + (g || ' minutes')::interval,
      1 + g % 12, 1 + g % 4, (array['unverified', 'single_origin', 'corroborated', 'confirmed', 'disputed'])[1 + g % 5], (g % 100) / 100.0, now()
    from generate_series(1, ${EVENTS}) g`);
  await db.execute(sql`insert into claims (event_id, claim_key, text, status, confidence, origins, explanation)
    select e.id, 'claim-' || e.id || '-' || k, 'Claim ' || k || ' about ' || e.title, e.status, e.confidence,
      jsonb_build_array(jsonb_build_object('name', 'Reuters', 'trust', 90, 'articleCount', 1 + k), jsonb_build_object('name', 'The Wall Street Journal', 'trust', 85, 'articleCount', 4)),
      '[]'::jsonb
    from events e, generate_series(1, 3) k`);
  await db.execute(sql`insert into articles (source_id, guid, url, canonical_url, title, event_id)
    select 'source-' || (1 + e.id % 10), 'a-' || e.id, 'https://a.example/' || e.id, 'https://a.example/' || e.id, e.title, e.id from events e`);
  await db.execute(sql`insert into status_changes (event_id, subject, previous_status, status, confidence, actor, reason, changed_at)
    select e.id, 'event', 'single_origin', e.status, e.confidence, 'rule', 'bench', ${windowStart}::timestamptz + interval '1 hour'
    from events e where e.id % 7 = 0 and e.status <> 'single_origin'`);
  await db.execute(sql`insert into subscriptions (email, kind, frequency, filters, unsubscribe_token, state)
    select 'reader' || g || '@example.org', 'digest', 'daily',
      case g % 4 when 0 then '{}'::jsonb when 1 then '{"statuses": ["corroborated", "confirmed"]}'::jsonb
        when 2 then jsonb_build_object('minConfidence', 0.6, 'sources', jsonb_build_array('source-' || (1 + g % 10))) else '{"q": "recalls"}'::jsonb end,
      'token-' || g, 'active'
    from generate_series(1, ${SUBSCRIBERS}) g`);

  const links = linksFrom('https://crosscheck.example');
  let peakRss = process.memoryUsage().rss;
  let peakHeap = process.memoryUsage().heapUsed;
  const started = performance.now();
  const events = await eventsOfWindow(db, windowStart, windowEnd);
  const moves = movesByEvent(await statusMovesBetween(db, events.map((e) => e.id), windowStart, windowEnd));
  const prepared = prepareWindow({ start: windowStart, end: windowEnd }, events, moves, links);
  const loadMs = performance.now() - started;
  let digests = 0;
  let empty = 0;
  let htmlBytes = 0;
  let after: string | undefined;
  for (;;) {
    const page = await digestSubscriptionsPage(db, after, PAGE);
    if (page.length === 0) break;
    for (const subscription of page) {
      const model = digestFor(subscription.filters, prepared);
      if (model.items.length === 0) {
        empty++;
        continue;
      }
      const content = renderDigest(model, links.unsubscribe(subscription.unsubscribeToken));
      htmlBytes += content.html.length;
      digests++;
    }
    after = page[page.length - 1].id;
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  }
  const ms = performance.now() - started;
  console.log(
    JSON.stringify({
      bench: 'digest-build',
      subscribers: SUBSCRIBERS,
      events: events.length,
      digests,
      empty,
      ms: Math.round(ms),
      windowLoadMs: Math.round(loadMs),
      perDigestMs: Number((ms / SUBSCRIBERS).toFixed(3)),
      meanHtmlKiB: Number((htmlBytes / Math.max(1, digests) / 1024).toFixed(1)),
      // RSS includes the embedded database (PGlite's WebAssembly heap); the JS heap is the digest work.
      peakRssMiB: Math.round(peakRss / 1048576),
      peakHeapMiB: Math.round(peakHeap / 1048576),
    }),
  );
} finally {
  await database.close();
  rmSync(dataDir, { recursive: true, force: true });
}
