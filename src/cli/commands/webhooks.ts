import { parseArgs } from 'node:util';
import { systemClock } from '../../core/clock.js';
import type { Config } from '../../server/config.js';
import { openStore } from '../../store/open.js';
import { type PushedEventKind, pushedEventKinds, webhookChannelName } from '../../store/outbox-types.js';

const usage = `usage: lede webhooks add URL --secret SECRET [--events publish,update,kill,withhold]
       lede webhooks list
       lede webhooks remove ID
`;

/** Checks `add`'s input; a message naming the option and the reason, or the parsed values. */
function parseAdd(url: string | undefined, secret: string | undefined, eventsText: string | undefined) {
  if (!url || !/^https?:\/\/[^\s]+$/i.test(url))
    return { error: `URL "${url ?? ''}" must be an http(s) URL such as https://partner.example/hooks/lede` };
  if (!secret?.trim()) return { error: '--secret is required: the subscriber checks X-Lede-Signature (HMAC-SHA256 of the body) with it' };
  const events = (eventsText ?? pushedEventKinds.join(',')).split(',').map((e) => e.trim());
  const unknown = events.filter((e) => !pushedEventKinds.includes(e as PushedEventKind));
  if (unknown.length > 0 || events.length === 0)
    return { error: `--events "${eventsText}": unknown event ${unknown.join(', ')} (known: ${pushedEventKinds.join(', ')})` };
  return { url, secret: secret.trim(), events: [...new Set(events)] as PushedEventKind[] };
}

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
  const input = action === 'add' ? parseAdd(target, values.secret, values.events) : undefined;
  if (input && 'error' in input) {
    process.stderr.write(`lede webhooks add: ${input.error}\n`);
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
