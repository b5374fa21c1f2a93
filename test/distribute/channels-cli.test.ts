import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createManualClock } from '../../src/core/clock.js';
import { runLede } from '../helpers/cli.js';
import { startPushApp, wireItem } from '../helpers/push-app.js';
import { startReceiver } from '../helpers/receiver.js';

/** The real `lede` binary (built by `npm run build`) on the test app's data folder. */
const lede = (args: string[], dataDir: string) => runLede(args, { LEDE_DATA_DIR: dataDir, LEDE_DEMO: '0' });

describe('lede channels and lede webhooks', () => {
  it('registers a webhook, shows a parked delivery with its last error, and retries it', async (t) => {
    // The CLI re-queues at the real time, so the app's clock starts there.
    const clock = createManualClock(new Date());
    const hook = await startReceiver(() => ({ status: 503, body: 'partner is down for maintenance' }));
    const app = await startPushApp({ clock });
    t.after(async () => {
      await app.close();
      await hook.close();
    });
    const dataDir = app.config.dataDir;

    const added = await lede(['webhooks', 'add', hook.url, '--secret', 'partner-secret', '--events', 'publish,kill'], dataDir);
    assert.equal(added.code, 0, added.stderr);
    assert.equal(added.stdout.trim(), '1');
    const listed = await lede(['webhooks', 'list'], dataDir);
    assert.equal(listed.stdout, `1\t${hook.url}\tpublish,kill\tactive\n`);
    assert.ok(!listed.stdout.includes('partner-secret'));
    assert.equal((await lede(['webhooks', 'add', 'ftp://x', '--secret', 's'], dataDir)).code, 2);

    await app.ingest([wireItem()]);
    for (let round = 0; round < 8; round++) {
      await app.deliver();
      clock.advance(2 * 3600 * 1000);
    }
    const [row] = await app.store.outbox.list({ channel: 'webhook:1' });
    assert.equal(row?.status, 'failed');

    const shown = await lede(['channels'], dataDir);
    assert.equal(shown.code, 0, shown.stderr);
    const line = shown.stdout.split('\n').find((l) => l.startsWith('webhook:1'));
    assert.match(line ?? '', /^webhook:1\s+enabled\s+0\s+0\s+0\s+1\s+0$/);
    assert.match(shown.stdout, /^telegram\s+disabled\s/m);
    assert.match(shown.stdout, new RegExp(`#${row?.id}  webhook:1  publish  story ${row?.storyId} v1  8 failures`));
    assert.match(shown.stdout, /HTTP 503: partner is down for maintenance/);
    const json = JSON.parse((await lede(['channels', '--json'], dataDir)).stdout);
    assert.equal(json.failed[0].id, row?.id);
    assert.equal(json.channels.find((c: { name: string }) => c.name === 'webhook:1').counts.failed, 1);

    hook.respondWith(() => ({ status: 200 }));
    const retried = await lede(['channels', 'retry', String(row?.id)], dataDir);
    assert.equal(retried.code, 0, retried.stderr);
    assert.match(retried.stderr, /is queued again/);
    await app.deliver();
    assert.equal((await app.store.outbox.find(row!.id))?.status, 'delivered');
    assert.equal(hook.requests.at(-1)?.headers['x-lede-delivery'], row?.deliveryKey);
    assert.equal(hook.requests.length, 9);

    const again = await lede(['channels', 'retry', String(row?.id)], dataDir);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /is delivered; only failed or skipped deliveries can be retried/);
    assert.equal((await lede(['channels', 'retry', '9999'], dataDir)).code, 1);
    assert.equal((await lede(['channels', 'retry', 'abc'], dataDir)).code, 2);
  });
});
