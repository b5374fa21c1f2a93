import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import pino from 'pino';
import { createManualClock } from '../../src/core/clock.js';
import { applySourceSettings } from '../../src/ingest/sources/settings.js';
import { wireItem } from '../helpers/wire.js';
import { startIngestApp } from './e2e-helpers.js';

/** A pino logger whose warn lines a test can read. */
function capturingLogger() {
  const lines: Array<{ level: number; msg: string; source?: string }> = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: pino({ level: 'warn' }, stream), warnings: () => lines.filter((l) => l.level === 40) };
}

const metric = (text: string, name: string, source: string) =>
  Number(new RegExp(`^${name}\\{source="${source}"\\} (\\S+)$`, 'm').exec(text)?.[1] ?? Number.NaN);

describe('source health', () => {
  it('alerts once (log line and metric) when a source that delivers is silent longer than its idle time, and clears on the next item', async (t) => {
    const clock = createManualClock(new Date());
    const { logger, warnings } = capturingLogger();
    const app = await startIngestApp({ clock, logger });
    t.after(() => app.stop());
    const start = clock.now().getTime();
    const at = (minutes: number) => clock.set(new Date(start + minutes * 60_000));
    const scrape = async () => (await fetch(`${app.base}/metrics`)).text();
    await applySourceSettings(app.store.sources, 'quiet-wire', { name: 'Quiet Wire', idleMinutes: '30' });
    await applySourceSettings(app.store.sources, 'never-sent', { name: 'Never Sent', idleMinutes: '5' });
    await app.app.services.pipeline.ingestItems([wireItem()], { source: 'quiet-wire' });

    at(10);
    await app.app.scheduler.tick();
    assert.equal(metric(await scrape(), 'lede_source_silent', 'quiet-wire'), 0);
    assert.equal(metric(await scrape(), 'lede_source_items_24h', 'quiet-wire'), 1);
    assert.equal(metric(await scrape(), 'lede_source_last_item_timestamp_seconds', 'quiet-wire'), start / 1000);

    at(31);
    await app.app.scheduler.tick();
    let text = await scrape();
    assert.equal(metric(text, 'lede_source_silent', 'quiet-wire'), 1);
    assert.equal(metric(text, 'lede_source_idle_alerts_total', 'quiet-wire'), 1);
    // A source that never delivered is not "normally delivering": no alert for it.
    assert.equal(metric(text, 'lede_source_silent', 'never-sent'), 0);
    const [warning] = warnings();
    assert.equal(warning?.source, 'quiet-wire');
    assert.match(warning?.msg ?? '', /source quiet-wire has been silent since .* longer than its idle time of 30 minutes/);

    at(40);
    await app.app.scheduler.tick();
    assert.equal(metric(await scrape(), 'lede_source_idle_alerts_total', 'quiet-wire'), 1, 'one alert per silence');
    assert.equal(warnings().length, 1);

    await app.app.services.pipeline.ingestItems([wireItem()], { source: 'quiet-wire' });
    at(41);
    await app.app.scheduler.tick();
    text = await scrape();
    assert.equal(metric(text, 'lede_source_silent', 'quiet-wire'), 0);
    const [health] = (await app.app.ingest.sourceHealth()).filter((h) => h.slug === 'quiet-wire');
    assert.deepEqual(
      { items: health?.itemsLast24h, errors: health?.errorsTotal, silent: health?.isSilent, since: health?.silentSince },
      { items: 2, errors: 0, silent: false, since: undefined },
    );
  });
});
