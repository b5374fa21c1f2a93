import assert from 'node:assert/strict';
import { access } from 'node:fs/promises';
import { it } from 'node:test';
import { call, login, startNewsroomApp } from '../helpers/newsroom.js';
import { quarantineTwo, startChannelsApp } from '../helpers/newsroom-channels.js';
import { describeEngines } from '../helpers/postgres.js';

describeEngines('newsroom channels and sources API', { migrated: true }, (engine) => {
  it("shows each channel's deliveries and a failed one's error, and retries it (admins only)", async (t) => {
    const app = await startChannelsApp((close) => t.after(close), engine);
    const admin = await login(app.base, app.emails.admin);
    const editor = await login(app.base, app.emails.editor);
    assert.equal((await editor.request('GET', 'channels')).status, 403, 'an editor is not an admin');
    assert.equal((await editor.request('POST', `channels/deliveries/${app.parked.id}/retry`)).status, 403);

    const shown = await admin.request('GET', 'channels');
    assert.equal(shown.status, 200);
    const webhook = shown.body.channels.find((c: { name: string }) => c.name === 'webhook:1');
    assert.equal(webhook.counts.failed, 1);
    assert.ok(shown.body.channels.some((c: { name: string }) => c.name === 'telegram'));
    const [failed] = shown.body.failed;
    assert.equal(failed.id, app.parked.id);
    assert.equal(failed.failures, 8);
    assert.match(failed.last_error, /HTTP 503: partner is down for maintenance/);
    assert.ok(!JSON.stringify(shown.body).includes('partner-secret'), 'no secret in the answer');

    assert.equal((await admin.request('POST', `channels/deliveries/${app.parked.id}/retry`, { withoutCsrf: true })).status, 403);
    app.hook.respondWith(() => ({ status: 200 }));
    const retried = await admin.request('POST', `channels/deliveries/${app.parked.id}/retry`);
    assert.equal(retried.status, 200);
    assert.equal(retried.body.delivery.status, 'pending');
    await app.deliver();
    assert.equal((await app.store.outbox.find(app.parked.id))?.status, 'delivered');
    const again = await admin.request('POST', `channels/deliveries/${app.parked.id}/retry`);
    assert.equal(again.status, 409);
    assert.match(again.body.error.message, /is delivered; only failed or skipped deliveries can be retried/);
    assert.equal((await admin.request('POST', 'channels/deliveries/9999/retry')).status, 404);
    assert.equal((await admin.request('POST', 'channels/deliveries/abc/retry')).status, 404);
    const audit = await admin.request('GET', 'audit');
    assert.ok(audit.body.items.some((e: { action: string }) => e.action === 'channel.retry'));
  });

  it('adds and removes webhooks and API keys as lede webhooks and lede apikey do, naming the bad field', async (t) => {
    const app = await startNewsroomApp(t, engine);
    const admin = await login(app.base, app.emails.admin);
    const writer = await login(app.base, app.emails.writer);
    assert.equal((await writer.request('POST', 'webhooks', { body: { url: 'https://p.example/h', secret: 's' } })).status, 403);
    for (const [body, field] of [
      [{ url: 'ftp://p.example/h', secret: 's' }, 'url'],
      [{ url: 'https://p.example/h' }, 'secret'],
      [{ url: 'https://p.example/h', secret: 's', events: ['publish', 'explode'] }, 'events'],
      [{ url: 'https://p.example/h', secret: 's', colour: 'red' }, 'colour'],
    ] as const) {
      const answer = await admin.request('POST', 'webhooks', { body });
      assert.equal(answer.status, 400, JSON.stringify(body));
      assert.equal(answer.body.error.field, field);
    }
    const added = await admin.request('POST', 'webhooks', { body: { url: 'https://p.example/h', secret: 'sekrit', events: ['kill'] } });
    assert.equal(added.status, 201);
    assert.deepEqual([added.body.channel, added.body.events, added.body.secret], ['webhook:1', ['kill'], undefined]);
    assert.equal((await admin.request('GET', 'webhooks')).body.items.length, 1);
    assert.equal((await admin.request('DELETE', `webhooks/${added.body.id}`)).status, 204);
    assert.equal((await admin.request('DELETE', `webhooks/${added.body.id}`)).status, 404);

    assert.equal((await admin.request('POST', 'api-keys', { body: { name: ' ' } })).body.error.field, 'name');
    const key = await admin.request('POST', 'api-keys', { body: { name: 'partner-a' } });
    assert.equal(key.status, 201);
    assert.match(key.body.key, /^lede_/);
    const listed = await admin.request('GET', 'api-keys');
    assert.deepEqual(
      listed.body.items.map((k: { name: string; revoked_at: string | null }) => [k.name, k.revoked_at]),
      [['partner-a', null]],
    );
    assert.ok(!JSON.stringify(listed.body).includes(key.body.key), 'the key is shown once');
    const twice = await admin.request('POST', 'api-keys', { body: { name: 'partner-a' } });
    assert.deepEqual([twice.status, twice.body.error.field], [409, 'name']);
    const article = await call(app.base, 'GET', '/api/v1/articles', { headers: { authorization: `Bearer ${key.body.key}` } });
    assert.equal(article.status, 200, 'the new key opens the content API');
    assert.equal((await admin.request('DELETE', 'api-keys/partner-a')).status, 204);
    assert.equal((await admin.request('DELETE', 'api-keys/partner-a')).status, 404);
  });

  it("sets a source's rule, rights and transports, never showing its push secrets", async (t) => {
    const app = await startNewsroomApp(t, engine);
    const admin = await login(app.base, app.emails.admin);
    const editor = await login(app.base, app.emails.editor);
    assert.equal((await editor.request('PUT', 'ingest/sources/tidewire', { body: { rule: 'hold' } })).status, 403);
    for (const [body, field] of [
      [{ watchDir: 'incoming/tidewire' }, 'watchDir'],
      [{ timezone: 'Mars/Olympus' }, 'timezone'],
      [{ rule: 'sometimes' }, 'rule'],
      [{ deny: ['telepathy'] }, 'deny.0'],
      [{ feedIntervalSeconds: 0, feedUrl: 'https://wire.example/feed' }, 'feedIntervalSeconds'],
    ] as const) {
      const answer = await admin.request('PUT', 'ingest/sources/tidewire', { body });
      assert.equal(answer.status, 400, JSON.stringify(body));
      assert.equal(answer.body.error.field, field, JSON.stringify(answer.body));
    }
    assert.equal(await app.store.sources.findBySlug('tidewire'), undefined, 'nothing half-saved');
    const saved = await admin.request('PUT', 'ingest/sources/tidewire', {
      body: {
        name: 'Tidewire',
        rule: 'hold',
        timezone: 'Europe/Lisbon',
        feedUrl: 'https://wire.example/feed',
        feedIntervalSeconds: 600,
        deny: ['social'],
        pushToken: 'push-token-secret',
        usageTerms: 'Not for resale',
      },
    });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    assert.equal(saved.body.publish_rule, 'hold');
    assert.deepEqual(saved.body.rights, { social: false, 'feeds-fulltext': true, api: true, webhooks: true });
    assert.deepEqual(saved.body.rules, { timezone: 'Europe/Lisbon', feedUrl: 'https://wire.example/feed', feedIntervalSeconds: 600 });
    assert.deepEqual(saved.body.push, { has_token: true, has_hmac_secret: false });
    const listed = await admin.request('GET', 'ingest/sources');
    assert.ok(!JSON.stringify(listed.body).includes('push-token-secret'));
    const source = listed.body.items.find((s: { slug: string }) => s.slug === 'tidewire');
    assert.equal(source.usage_notice, 'Not for resale');
    const cleared = await admin.request('PUT', 'ingest/sources/tidewire', { body: { feedUrl: '', allow: ['social'] } });
    assert.deepEqual([cleared.body.rules.feedUrl, cleared.body.rights.social], [undefined, true]);
  });

  it('lists the quarantine with each reason and replays a file from it', async (t) => {
    const app = await startNewsroomApp(t, engine);
    const admin = await login(app.base, app.emails.admin);
    const editor = await login(app.base, app.emails.editor);
    const { good, bad, headline } = await quarantineTwo(app.config.dataDir, new Date());
    assert.equal((await editor.request('GET', 'ingest/quarantine')).status, 403);
    const listed = await admin.request('GET', 'ingest/quarantine');
    assert.deepEqual(
      listed.body.items.map((e: { file: string; reason: string }) => [e.file, e.reason]),
      [
        [good, 'the feed was down when it came'],
        [bad, 'not in any supported wire format'],
      ],
    );
    assert.equal((await admin.request('POST', 'ingest/quarantine/replay', { body: { files: [] } })).body.error.field, 'files');
    const outside = await admin.request('POST', 'ingest/quarantine/replay', { body: { files: ['/etc/passwd'] } });
    assert.equal(outside.status, 404, 'only files listed in the quarantine');

    const replayed = await admin.request('POST', 'ingest/quarantine/replay', { body: { files: [good, bad] } });
    assert.equal(replayed.status, 200);
    const [ok, failed] = replayed.body.results;
    assert.deepEqual([ok.file, ok.is_ingested, ok.items], [good, true, 1]);
    await access(ok.moved_to);
    assert.equal(failed.is_ingested, false);
    assert.match(failed.reason, /not in any supported wire format|format/);
    const stories = await admin.request('GET', 'stories', { headers: {} });
    assert.ok(
      stories.body.items.some((s: { headline: string }) => s.headline === headline),
      'the replayed item is a story',
    );
    assert.deepEqual(
      (await admin.request('GET', 'ingest/quarantine')).body.items.map((e: { file: string }) => e.file),
      [bad],
    );
  });
});
