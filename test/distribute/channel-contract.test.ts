import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createManualClock } from '../../src/core/clock.js';
import { isLedeError } from '../../src/core/errors.js';
import type { Story } from '../../src/core/story.js';
import type { Channel, ChannelContext, OutboxEvent } from '../../src/distribute/channel.js';
import { createPurgeChannel } from '../../src/distribute/channels/purge.js';
import { createTelegramChannel } from '../../src/distribute/channels/telegram.js';
import { createWebhookChannel } from '../../src/distribute/channels/webhook.js';
import type { PushedEventKind } from '../../src/store/outbox-types.js';
import { type Receiver, startReceiver } from '../helpers/receiver.js';
import { makeStory } from '../helpers/stories.js';
import { type FakeTelegram, startFakeTelegram } from '../helpers/telegram-server.js';

/** A channel wired to its local stand-in, which can be told to misbehave. */
interface ChannelUnderTest {
  channel: Channel;
  /** Requests the stand-in has received. */
  received(): number;
  /** The next request answers 5xx with an HTML page. */
  failNext(): void;
  /** The next request never gets an answer. */
  hangNext(): void;
  close(): Promise<void>;
}

// Generous: under load a first local request can take hundreds of milliseconds.
const timeoutMs = 1500;
const clock = createManualClock('2026-03-01T12:00:00Z');
const ctx = (): ChannelContext => ({ now: clock.now(), publicUrl: 'https://news.example', deliveryKey: 'k' });
const event = (kind: PushedEventKind): OutboxEvent => ({ kind, version: '1', eventId: 1, deliveryKey: 'k' });
const story = (overrides: Partial<Story> = {}) =>
  makeStory({
    section: 'world',
    tags: ['Energy'],
    standfirst: 'A short standfirst.',
    hero: { mediaId: 'm1', width: 800, height: 450, photographer: 'Jane Roe', creditSource: 'AFP' },
    ...overrides,
  });

function withReceiver(make: (url: string) => Channel) {
  return async (): Promise<ChannelUnderTest> => {
    let receiver: Receiver | undefined;
    const mode: Array<'fail' | 'hang'> = [];
    receiver = await startReceiver(() => {
      const next = mode.shift();
      if (next === 'hang') return 'hang';
      return next === 'fail' ? { status: 503, body: '<html>Service Unavailable</html>' } : { status: 200 };
    });
    return {
      channel: make(receiver.url),
      received: () => receiver?.requests.length ?? 0,
      failNext: () => mode.push('fail'),
      hangNext: () => mode.push('hang'),
      close: () => receiver!.close(),
    };
  };
}

const fixtures: Record<string, () => Promise<ChannelUnderTest>> = {
  telegram: async () => {
    const fake: FakeTelegram = await startFakeTelegram({ token: '123:abc', clock });
    const channel = createTelegramChannel({
      settings: { botToken: fake.token, chatId: '@lede', apiBase: fake.apiBase },
      loadPicture: async () => ({ bytes: Buffer.from('jpeg bytes'), filename: 'm1.jpg', contentType: 'image/jpeg' }),
      timeoutMs,
    });
    return {
      channel,
      received: () => fake.calls.length,
      failNext: () => fake.fail({ times: 1 }),
      hangNext: () => fake.hang({ times: 1 }),
      close: fake.close,
    };
  },
  webhook: withReceiver((url) =>
    createWebhookChannel({
      subscriber: { id: 1, url, secret: 's3cret', events: ['publish', 'update', 'kill', 'withhold'], isActive: true, createdAt: '' },
      timeoutMs,
    }),
  ),
  purge: withReceiver((url) => createPurgeChannel({ settings: { url }, timeoutMs })),
};

/** The contract every channel keeps (STYLE.md §8): render then deliver, failures as LEDE_CHANNEL_DELIVERY, never a hang. */
function runChannelContract(name: string, start: () => Promise<ChannelUnderTest>) {
  describe(`channel contract: ${name}`, () => {
    let under: ChannelUnderTest;
    before(async () => {
      under = await start();
    });
    after(() => under.close());

    const renderPayload = async (s: Story, kind: PushedEventKind) => {
      const rendered = await under.channel.render(s, event(kind), ctx());
      assert.ok('payload' in rendered, `a ${kind} of a live story renders a payload`);
      return rendered.payload;
    };

    it('has a name and renders a publish of a live story into something it delivers', async () => {
      assert.equal(under.channel.name.startsWith(under.channel.kind), true);
      const before = under.received();
      const result = await under.channel.deliver(await renderPayload(story(), 'publish'), ctx());
      assert.equal(result.status, 'delivered');
      assert.equal(under.received(), before + 1);
    });

    it('renders any event of a killed or withheld story to a payload or a reason, without throwing', async () => {
      for (const state of ['killed', 'withheld'] as const) {
        for (const kind of ['publish', 'update', 'kill', 'withhold'] as const) {
          const rendered = await under.channel.render(
            story({ state, pubstatus: state === 'killed' ? 'canceled' : 'withheld' }),
            event(kind),
            ctx(),
          );
          assert.ok('payload' in rendered || rendered.skip.length > 0);
        }
      }
    });

    it('throws LEDE_CHANNEL_DELIVERY, naming the channel, when the remote answers an error page', async () => {
      const payload = await renderPayload(story(), 'publish');
      under.failNext();
      await assert.rejects(
        under.channel.deliver(payload, ctx()),
        (error) => isLedeError(error, 'LEDE_CHANNEL_DELIVERY') && error.message.includes(name),
      );
    });

    it('gives up on a remote that never answers within its timeout', async () => {
      const payload = await renderPayload(story(), 'publish');
      under.hangNext();
      const started = Date.now();
      await assert.rejects(
        under.channel.deliver(payload, ctx()),
        (error) => isLedeError(error, 'LEDE_CHANNEL_DELIVERY') && /no answer within/.test(error.message),
      );
      assert.ok(Date.now() - started < timeoutMs + 3000);
    });
  });
}

for (const [name, start] of Object.entries(fixtures)) runChannelContract(name, start);
