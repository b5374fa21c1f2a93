import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { signBody } from '../../src/ingest/sources/credentials.js';
import { applySourceSettings } from '../../src/ingest/sources/settings.js';
import { describeEngines } from '../helpers/postgres.js';
import { killOf, wireItem } from '../helpers/wire.js';
import { assertKilledEverywhere, assertLive, type IngestTestApp, startIngestApp, storedStory, worldTopic } from './e2e-helpers.js';

describeEngines('HTTP push: POST /ingest/{source}', { migrated: true }, (engine) => {
  let app: IngestTestApp;
  const token = 'push-token-3f9a1c';
  const secret = 'hmac-secret-77b2';
  before(async () => {
    app = await startIngestApp({ url: engine.url, searchPath: engine.searchPath });
    await applySourceSettings(app.store.sources, 'coast-press', { name: 'Coast Press', pushToken: token, pushHmacSecret: secret });
    await applySourceSettings(app.store.sources, 'no-push', { name: 'No Push' });
  });
  after(() => app.stop());

  const push = (source: string, body: string | Buffer, headers: Record<string, string> = {}) =>
    fetch(`${app.base}/ingest/${source}`, {
      method: 'POST',
      body: typeof body === 'string' ? body : new Uint8Array(body),
      headers: { 'content-type': 'application/json', ...headers },
    });
  const bearer = { authorization: `Bearer ${token}` };

  it('accepts a story with the bearer token (202 with its id), then its kill takes it down everywhere within 5 s', async (t) => {
    const item = wireItem({ subjects: [worldTopic] });
    const response = await push('coast-press', JSON.stringify(item), bearer);
    assert.equal(response.status, 202);
    const body = (await response.json()) as { items: Array<{ id: string; uri: string; version: string }> };
    const story = await storedStory(app, 'coast-press', item);
    assert.deepEqual(
      body.items.map(({ id, uri, version }) => ({ id, uri, version })),
      [{ id: story.id, uri: item.uri, version: '1' }],
    );
    const sitemaps = await assertLive(app, story);
    const kill = Buffer.from(JSON.stringify(killOf(item)));
    const killed = await push('coast-press', kill, { 'x-lede-signature': signBody(kill, secret) });
    assert.equal(killed.status, 202);
    t.diagnostic(await assertKilledEverywhere(app, story, Date.now(), sitemaps));
  });

  it('accepts an HMAC signature of the raw bytes, whatever the content type', async () => {
    const body = Buffer.from(`${JSON.stringify(wireItem())}\n`);
    const response = await push('coast-press', body, {
      'x-lede-signature': signBody(body, secret),
      'content-type': 'application/octet-stream',
    });
    assert.equal(response.status, 202);
  });

  it('answers 401 without credentials, 403 with wrong ones or for a source without push, 404 for an unknown source', async () => {
    const body = JSON.stringify(wireItem());
    const cases: Array<[Response, number, string]> = [
      [await push('coast-press', body), 401, 'LEDE_INGEST_UNAUTHORIZED'],
      [await push('coast-press', body, { authorization: 'Bearer wrong' }), 403, 'LEDE_INGEST_FORBIDDEN'],
      [
        await push('coast-press', body, { 'x-lede-signature': signBody(Buffer.from(body), 'not-the-secret') }),
        403,
        'LEDE_INGEST_FORBIDDEN',
      ],
      [await push('no-push', body, bearer), 403, 'LEDE_INGEST_FORBIDDEN'],
      [await push('nobody', body, bearer), 404, 'LEDE_INGEST_SOURCE_UNKNOWN'],
    ];
    for (const [response, status, code] of cases) {
      assert.equal(response.status, status);
      const { error } = (await response.json()) as { error: { code: string; message: string } };
      assert.equal(error.code, code);
      assert.ok(error.message.length > 10);
    }
  });

  it('names the reason for a bad file: 400 for what cannot be read, 422 for an invalid field', async () => {
    const unknown = await push('coast-press', 'just some words', bearer);
    assert.equal(unknown.status, 400);
    assert.equal(((await unknown.json()) as { error: { code: string } }).error.code, 'LEDE_INGEST_FORMAT_UNKNOWN');
    const invalid = await push('coast-press', JSON.stringify({ ...wireItem(), versioncreated: 'yesterday-ish' }), bearer);
    assert.equal(invalid.status, 422);
    const { error } = (await invalid.json()) as { error: { code: string; message: string } };
    assert.equal(error.code, 'LEDE_INGEST_FIELD');
    assert.match(error.message, /versioncreated/);
    const [status] = (await app.store.sources.listStatus(new Date())).filter((s) => s.sourceSlug === 'coast-press');
    assert.equal(status?.errorsTotal, 2, 'bad files count against the source health');
  });

  it('answers 413 for a body over the size limit, without reading it all', async () => {
    const huge = Buffer.alloc(21 * 1024 * 1024, 0x20);
    const response = await push('coast-press', huge, bearer);
    assert.equal(response.status, 413);
    assert.equal(((await response.json()) as { error: { code: string } }).error.code, 'LEDE_INGEST_TOO_LARGE');
  });
});
