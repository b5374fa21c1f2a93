import { parseArgs } from 'node:util';
import { systemClock } from '../../core/clock.js';
import { type ChannelStatus, channelsReport } from '../../distribute/channel-status.js';
import type { Config } from '../../server/config.js';
import { openStore } from '../../store/open.js';
import type { OutboxEntry } from '../../store/outbox-types.js';

const usage = 'usage: lede channels [--json] | lede channels retry ID\n';

const pad = (text: string | number, width: number) => String(text).padEnd(width);
const padStart = (text: string | number, width: number) => String(text).padStart(width);

function stateOf(channel: ChannelStatus): string {
  const setBy = (channel.config.setBy as Record<string, string> | undefined)?.botToken;
  const state = channel.enabled ? 'enabled' : 'disabled';
  return setBy === 'env' ? `${state} (env)` : state;
}

function renderTable(channels: ChannelStatus[]): string {
  const width = Math.max(8, ...channels.map((c) => c.name.length)) + 2;
  const head = `${pad('CHANNEL', width)}${pad('STATE', 16)}${['PENDING', 'DELIVERING', 'DELIVERED', 'FAILED', 'SKIPPED'].map((h) => padStart(h, 11)).join('')}\n`;
  const rows = channels.map((c) => {
    const { pending, delivering, delivered, failed, skipped } = c.counts;
    return `${pad(c.name, width)}${pad(stateOf(c), 16)}${[pending, delivering, delivered, failed, skipped].map((n) => padStart(n, 11)).join('')}\n`;
  });
  return head + rows.join('');
}

const failedLine = (row: OutboxEntry) =>
  `  #${row.id}  ${row.channel}  ${row.kind}  story ${row.storyId}${row.version ? ` v${row.version}` : ''}  ${row.failures} failures, parked ${row.finishedAt ?? ''}\n      ${row.lastError ?? '(no error recorded)'}\n`;

/**
 * `lede channels`: each push channel with its delivery counts, then the parked deliveries
 * with their last error; `lede channels retry ID` puts a parked (or skipped) one back in line.
 */
export async function runChannels(args: string[], config: () => Readonly<Config>): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean' } } });
  const [action, idText, ...rest] = positionals;
  const isRetry = action === 'retry';
  if (rest.length > 0 || (action !== undefined && !isRetry) || (isRetry && values.json)) {
    process.stderr.write(usage);
    return 2;
  }
  const id = Number(idText);
  if (isRetry && !(Number.isInteger(id) && id > 0)) {
    process.stderr.write(`lede channels retry: "${idText ?? ''}" is not a delivery id (a whole number, as listed by lede channels)\n`);
    return 2;
  }
  const store = await openStore({ url: config().databaseUrl });
  try {
    await store.migrate();
    if (isRetry) {
      if (await store.outbox.retry(id, systemClock.now())) {
        const row = await store.outbox.find(id);
        process.stderr.write(`lede channels: delivery #${id} (${row?.channel} ${row?.kind} of story ${row?.storyId}) is queued again\n`);
        return 0;
      }
      const row = await store.outbox.find(id);
      process.stderr.write(
        row
          ? `lede channels: delivery #${id} is ${row.status}; only failed or skipped deliveries can be retried\n`
          : `lede channels: there is no delivery #${id}\n`,
      );
      return 1;
    }
    const report = await channelsReport(store);
    if (values.json) {
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      return 0;
    }
    process.stdout.write(renderTable(report.channels));
    if (report.failed.length > 0) {
      process.stdout.write(`\nfailed deliveries (retry with: lede channels retry ID):\n`);
      for (const row of report.failed) process.stdout.write(failedLine(row));
    }
    return 0;
  } finally {
    await store.close();
  }
}
