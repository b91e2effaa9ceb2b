import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApi, seedSource, seedEvent, seedArticle, seedEntity, linkEntity, seedClaim, type TestApi } from '../support/api';
let t: TestApi;
beforeAll(async () => { t = await buildTestApi(); });
afterAll(async () => { await t?.close(); });
it('smoke', async () => {
  await seedSource(t.db, { id: 'reuters' });
  const e = await seedEvent(t.db, { title: 'FTC opens probe', lastSeenAt: new Date() , confidence: 0.7});
  const a = await seedArticle(t.db, { sourceId: 'reuters', title: 'Regulator investigates OpenAI', eventId: e.id });
  const en = await seedEntity(t.db, { key: 'openai', name: 'OpenAI', aliases: ['Open AI'] });
  await linkEntity(t.db, a.id, en.id);
  await seedClaim(t.db, { eventId: e.id, text: 'x', explanation: [{factor:'a', effect: 0.1, detail: 'd'}] });
  for (const url of ['/health', '/api/status', '/api/events?entity=open%20ai&q=investigates', `/api/events/${e.id}`, '/api/claims', '/api/claims/1', '/api/entities', `/api/entities/${en.id}`, '/api/sources', '/api/sources/reuters', '/api/events?limit=-1', '/api/events?since=notadate', '/api/events?cursor=garbage', '/api/events/abc', '/nope', '/docs', '/openapi.json']) {
    const r = await t.app.inject({ url });
    console.log(url, r.statusCode, r.body.slice(0, 600));
  }
});
