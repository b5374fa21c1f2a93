import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import pino from 'pino';
import { createManualClock } from '../../src/core/clock.js';
import { createChannelRegistry } from '../../src/distribute/channel-registry.js';
import { createOutboxWorker } from '../../src/distribute/outbox-worker.js';
import { createServices } from '../../src/server/services.js';
import { startPushApp, wireItem } from '../helpers/push-app.js';
import { startReceiver } from '../helpers/receiver.js';
import { startFakeTelegram } from '../helpers/telegram-server.js';

const hour = 3600 * 1000;
const start = '2026-03-01T12:00:00Z';

describe('outbox worker', () => {
  it('delivers exactly once to a channel that fails twice and then recovers', async (t) => {
    const clock = createManualClock(start);
    const hook = await startReceiver((_req, n) => (n <= 2 ? { status: 500, body: 'database is down' } : { status: 204 }));
    const app = await startPushApp({ clock, webhooks: [{ url: hook.url, secret: 's' }] });
    t.after(async () => {
      await app.close();
      await hook.close();
    });
    await app.ingest([wireItem()]);
    for (let round = 0; round < 5; round++) {
      await app.deliver();
      clock.advance(hour);
    }
    assert.deepEqual(
      hook.requests.map((r) => r.headers['x-lede-event']),
      ['publish', 'publish', 'publish'],
    );
    const [row] = await app.store.outbox.list();
    assert.equal(row?.status, 'delivered');
    assert.equal(row?.attempts, 3);
    assert.equal(row?.failures, 2);
    assert.match(row?.lastError ?? '', /HTTP 500: database is down/);
    assert.ok(hook.requests.every((r) => r.headers['x-lede-delivery'] === row?.deliveryKey));
  });

  it('backs off exponentially between failures and parks the row after eight, with its last error', async (t) => {
    const clock = createManualClock(start);
    const hook = await startReceiver(() => ({ status: 503, body: '<html>Service Unavailable</html>' }));
    const app = await startPushApp({ clock, webhooks: [{ url: hook.url, secret: 's' }] });
    t.after(async () => {
      await app.close();
      await hook.close();
    });
    await app.ingest([wireItem()]);
    const delays: number[] = [];
    for (let failures = 1; failures <= 8; failures++) {
      await app.deliver();
      const [row] = await app.store.outbox.list();
      assert.equal(row?.failures, failures);
      if (failures < 8) {
        delays.push(Date.parse(row!.nextAttemptAt) - clock.now().getTime());
        clock.set(row!.nextAttemptAt);
      }
    }
    const [parked] = await app.store.outbox.list();
    assert.equal(parked?.status, 'failed');
    assert.match(parked?.lastError ?? '', /HTTP 503/);
    assert.equal(hook.requests.length, 8);
    // Equal jitter: each wait lies between half and all of 15 s × 2^(n-1).
    delays.forEach((delay, i) => {
      const full = 15_000 * 2 ** i;
      assert.ok(delay >= full / 2 && delay <= full, `wait ${i + 1} was ${delay} ms`);
    });
    clock.advance(24 * hour);
    await app.deliver();
    assert.equal(hook.requests.length, 8, 'a parked row waits for a retry by hand');
  });

  it('keeps delivering to other channels while one times out or answers garbage, and publishing never waits', async (t) => {
    const clock = createManualClock(start);
    const telegram = await startFakeTelegram({ token: '4242:test-token', clock });
    const hook = await startReceiver();
    const app = await startPushApp({ clock, telegram, webhooks: [{ url: hook.url, secret: 's' }] });
    t.after(async () => {
      await app.close();
      await hook.close();
      await telegram.close();
    });
    telegram.hang({ times: 1 });
    telegram.fail({ times: 1, status: 200, body: 'not json at all' });
    const started = Date.now();
    await app.ingest([wireItem(), wireItem()]);
    assert.ok(Date.now() - started < 2000);
    const worker = createOutboxWorker({
      store: app.store,
      clock,
      registry: createChannelRegistry({ store: app.store, telegram: {}, mediaDir: app.config.mediaDir, timeoutMs: 1500 }),
      publicUrl: app.config.publicUrl,
      logger: pino({ level: 'silent' }),
    });
    await worker.kick();
    assert.deepEqual(
      (await app.store.outbox.list({ channel: 'webhook:1' })).map((r) => r.status),
      ['delivered', 'delivered'],
    );
    const errors = (await app.store.outbox.list({ channel: 'telegram' })).map((r) => r.lastError);
    assert.match(errors[0] ?? '', /telegram sendPhoto: no answer within 1500 ms/);
    assert.match(errors[1] ?? '', /telegram sendPhoto: HTTP 200 with a body that is not JSON: not json at all/);
    clock.advance(hour);
    await worker.kick();
    assert.equal(telegram.liveMessages().length, 2);
    assert.equal(hook.requests.length, 2);
  });
});

describe('outbox worker interface', () => {
  it('keeps no outcome in memory and offers no test-only method: outcomes are read from the outbox rows', async (t) => {
    const clock = createManualClock(start);
    const hook = await startReceiver();
    const app = await startPushApp({ clock, webhooks: [{ url: hook.url, secret: 's' }] });
    t.after(async () => {
      await app.close();
      await hook.close();
    });
    const worker = createOutboxWorker({
      store: app.store,
      clock,
      registry: createChannelRegistry({ store: app.store, telegram: {}, mediaDir: app.config.mediaDir }),
      publicUrl: app.config.publicUrl,
      logger: pino({ level: 'silent' }),
    });
    assert.deepEqual(Object.keys(worker).sort(), ['kick', 'stop']);
    await app.ingest([wireItem(), wireItem(), wireItem()]);
    assert.equal(await worker.kick(), undefined);
    assert.deepEqual(
      (await app.store.outbox.list({ channel: 'webhook:1' })).map((r) => r.status),
      ['delivered', 'delivered', 'delivered'],
    );
    assert.equal(hook.requests.length, 3);
    await worker.stop();
  });
});

describe('demo content', () => {
  it('is never pushed: loading the demo set writes no outbox row', async (t) => {
    const clock = createManualClock(start);
    const hook = await startReceiver();
    const app = await startPushApp({ clock, webhooks: [{ url: hook.url, secret: 's' }], purgeUrl: hook.url });
    t.after(async () => {
      await app.close();
      await hook.close();
    });
    // As in a running server, the first tick has run (the outbox lease is held, so each event
    // kicks the worker) before the demo comes in. The real loader writes into this app's store,
    // which writes the outbox rows with the events; it makes no renditions, and neither does the
    // next tick (its backfill is not due again): drawing them is 20 s of CPU and writes no event.
    await app.deliver();
    const services = createServices({
      config: app.config,
      store: app.store,
      clock,
      logger: pino({ level: 'silent' }),
      shouldMakeRenditions: false,
    });
    const loaded = await services.loadDemo();
    assert.ok(loaded.stories > 0);
    await app.deliver();
    assert.deepEqual(await app.store.outbox.list(), []);
    assert.equal(hook.requests.length, 0);
  });
});

describe('webhook channel', () => {
  it('signs the raw body so the receiver can verify it, and sends the ninjs of each event', async (t) => {
    const clock = createManualClock(start);
    const hook = await startReceiver();
    const app = await startPushApp({ clock, webhooks: [{ url: hook.url, secret: 'partner-secret' }] });
    t.after(async () => {
      await app.close();
      await hook.close();
    });
    const item = wireItem({ headlines: [{ role: 'main', value: 'Port deal signed' }] });
    const [result] = await app.ingest([item]);
    await app.deliver();
    await app.ingest([{ ...item, version: '2', pubstatus: 'canceled', bodies: undefined }]);
    await app.deliver();
    assert.equal(hook.requests.length, 2);
    for (const request of hook.requests) {
      const expected = `sha256=${createHmac('sha256', 'partner-secret').update(request.body).digest('hex')}`;
      assert.equal(request.headers['x-lede-signature'], expected);
      assert.equal(request.headers['content-type'], 'application/json');
      assert.equal(request.method, 'POST');
    }
    const [publish, kill] = hook.requests.map((r) => JSON.parse(r.body));
    assert.equal(publish.event, 'publish');
    assert.equal(publish.item.headlines[0].value, 'Port deal signed');
    assert.equal(publish.item.pubstatus, 'usable');
    assert.match(publish.item.bodies[0].value, /Dock workers/);
    assert.ok(publish.item.altids.some((a: { role: string; value: string }) => a.role === 'lede-id' && a.value === result?.id));
    assert.equal(kill.event, 'kill');
    assert.equal(kill.item.pubstatus, 'canceled');
    assert.equal(kill.item.bodies, undefined);
    assert.equal(hook.requests[1]?.headers['x-lede-delivery'], `${result?.id}:2:webhook:1:kill`);
    // A receiver that checks the signature rejects a body that was changed on the way.
    const tampered = hook.requests[0]!.body.replace('Port deal signed', 'Port deal off');
    assert.notEqual(
      `sha256=${createHmac('sha256', 'partner-secret').update(tampered).digest('hex')}`,
      hook.requests[0]?.headers['x-lede-signature'],
    );
  });

  it('sends nothing for stories whose source does not allow webhooks', async (t) => {
    const clock = createManualClock(start);
    const hook = await startReceiver();
    const app = await startPushApp({ clock, webhooks: [{ url: hook.url, secret: 's' }], rights: { webhooks: false } });
    t.after(async () => {
      await app.close();
      await hook.close();
    });
    await app.ingest([wireItem()]);
    await app.deliver();
    assert.equal(hook.requests.length, 0);
    assert.equal((await app.store.outbox.list())[0]?.result, 'source afp does not allow webhooks');
  });
});
