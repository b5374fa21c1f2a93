import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createManualClock } from '../../src/core/clock.js';
import type { UserRole } from '../../src/core/roles.js';
import { quarantineCopy } from '../../src/ingest/quarantine.js';
import { createAccounts } from '../../src/newsroom/auth/accounts.js';
import type { OutboxEntry } from '../../src/store/outbox-types.js';
import { password } from './newsroom.js';
import { type PushApp, startPushApp, wireItem } from './push-app.js';
import { startReceiver } from './receiver.js';
import { wireItem as textItem } from './wire.js';

export interface ChannelsApp extends PushApp {
  emails: Record<UserRole, string>;
  /** A partner's webhook receiver, answering 503 until told otherwise. */
  hook: Awaited<ReturnType<typeof startReceiver>>;
  /** The delivery to `webhook:1` that failed eight times and was parked. */
  parked: OutboxEntry;
}

/**
 * A real app (manual clock, local stand-ins for the channels) with one user of each role and a
 * webhook delivery parked after eight failures: what `lede channels` lists for retry.
 */
export async function startChannelsApp(
  onClose: (close: () => Promise<void>) => void,
  engine?: { url?: string; searchPath?: string },
): Promise<ChannelsApp> {
  // Re-queued at the real time (as the CLI does), so the clock starts there.
  const clock = createManualClock(new Date());
  const hook = await startReceiver(() => ({ status: 503, body: 'partner is down for maintenance' }));
  const app = await startPushApp({ clock, url: engine?.url, searchPath: engine?.searchPath });
  onClose(async () => {
    await app.close();
    await hook.close();
  });
  await app.store.webhooks.add({ url: hook.url, secret: 'partner-secret', events: ['publish'], now: clock.now() });
  await app.app.channels.sync(clock.now());
  const accounts = createAccounts({ store: app.store, clock });
  const emails = { admin: 'admin@example.test', editor: 'editor@example.test', writer: 'writer@example.test' } as const;
  for (const role of ['admin', 'editor', 'writer'] as const)
    await accounts.addUser({ email: emails[role], name: `The ${role}`, role, password });
  await app.ingest([wireItem({ picture: false })]);
  for (let round = 0; round < 8; round++) {
    await app.deliver();
    clock.advance(2 * 3600 * 1000);
  }
  const [parked] = await app.store.outbox.list({ channel: 'webhook:1', status: 'failed' });
  if (!parked) throw new Error('the webhook delivery was not parked after eight failures');
  return { ...app, emails, hook, parked };
}

/**
 * Two files in the data folder's quarantine, as `lede ingest` leaves them: a good ninjs item
 * (bad at the time: its source was unknown, say) and one that is no wire format at all.
 */
export async function quarantineTwo(dataDir: string, now: Date): Promise<{ good: string; bad: string; headline: string }> {
  const item = textItem();
  const goodFile = join(dataDir, 'item.json');
  const badFile = join(dataDir, 'notes.txt');
  await writeFile(goodFile, JSON.stringify(item));
  await writeFile(badFile, 'plain words, no format at all');
  const good = await quarantineCopy({ dataDir, file: goodFile, reason: 'the feed was down when it came', source: 'tidewire', now });
  const bad = await quarantineCopy({ dataDir, file: badFile, reason: 'not in any supported wire format', source: 'tidewire', now });
  return { good, bad, headline: item.headlines?.[0]?.value ?? '' };
}
