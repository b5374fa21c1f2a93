import { parseArgs } from 'node:util';
import { systemClock } from '../../core/clock.js';
import { isLedeError } from '../../core/errors.js';
import { type SubscriberInput, validateSubscriber } from '../../distribute/webhook-subscriber.js';
import type { Config } from '../../server/config.js';
import { openStore } from '../../store/open.js';
import { webhookChannelName } from '../../store/outbox-types.js';

const usage = `usage: lede webhooks add URL --secret SECRET [--events publish,update,kill,withhold]
       lede webhooks list
       lede webhooks remove ID
`;

/**
 * `lede webhooks add URL --secret S` registers a subscriber: each publish, update, kill and
 * withhold is POSTed to it through the outbox, signed with S. `list` shows no secrets.
 */
export async function runWebhooks(args: string[], config: () => Readonly<Config>): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { secret: { type: 'string' }, events: { type: 'string' } },
  });
  const [action, target, ...rest] = positionals;
  if (rest.length > 0 || !['add', 'list', 'remove'].includes(action ?? '') || (action === 'list' && target !== undefined)) {
    process.stderr.write(usage);
    return 2;
  }
  let input: SubscriberInput | undefined;
  try {
    input = action === 'add' ? validateSubscriber({ url: target, secret: values.secret, events: values.events?.split(',') }) : undefined;
  } catch (error) {
    if (!isLedeError(error, 'LEDE_CHANNEL_CONFIG')) throw error;
    process.stderr.write(`lede webhooks add: ${error.message}\n`);
    return 2;
  }
  const id = Number(target);
  if (action === 'remove' && !(Number.isInteger(id) && id > 0)) {
    process.stderr.write(`lede webhooks remove: "${target ?? ''}" is not a webhook id (see lede webhooks list)\n`);
    return 2;
  }
  const store = await openStore({ url: config().databaseUrl });
  try {
    await store.migrate();
    if (input) {
      const added = await store.webhooks.add({ ...input, now: systemClock.now() });
      process.stdout.write(`${added.id}\n`);
      process.stderr.write(`lede webhooks: ${webhookChannelName(added.id)} → ${added.url} (${added.events.join(', ')})\n`);
      return 0;
    }
    if (action === 'remove') {
      const isRemoved = await store.webhooks.remove(id);
      process.stderr.write(isRemoved ? `lede webhooks: webhook ${id} removed\n` : `lede webhooks: there is no webhook ${id}\n`);
      return isRemoved ? 0 : 1;
    }
    for (const hook of await store.webhooks.list())
      process.stdout.write(`${hook.id}\t${hook.url}\t${hook.events.join(',')}\t${hook.isActive ? 'active' : 'inactive'}\n`);
    return 0;
  } finally {
    await store.close();
  }
}
