import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { systemClock } from '../../src/core/clock.js';
import type { Ninjs } from '../../src/core/ninjs.js';
import { applySourceSettings } from '../../src/ingest/sources/settings.js';
import { openStore } from '../../src/store/open.js';
import { ledeBin, runLede } from '../helpers/cli.js';
import { within } from '../helpers/surfaces.js';
import { startFakeTelegram } from '../helpers/telegram-server.js';
import { createTmpDir } from '../helpers/tmp-dir.js';
import { killOf, wireItem } from '../helpers/wire.js';

const token = '4242:crash-token';

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));

describe('Telegram and a crash mid-post', () => {
  it('adopts or takes down what a SIGKILLed lede serve posted without recording it, within 5 s of the restart', async (t) => {
    const dataDir = await createTmpDir(t);
    const telegram = await startFakeTelegram({ token, clock: systemClock });
    t.after(() => telegram.close());
    const env = {
      LEDE_DATA_DIR: dataDir,
      PORT: '0',
      LEDE_DEMO: '0',
      LEDE_LOG_LEVEL: 'error',
      LEDE_TELEGRAM_BOT_TOKEN: token,
      LEDE_TELEGRAM_CHAT_ID: '@crash',
      LEDE_TELEGRAM_API_BASE: telegram.apiBase,
    };
    const setup = await openStore({ url: `sqlite:${join(dataDir, 'lede.db')}` });
    await setup.migrate();
    await applySourceSettings(setup.sources, 'crashwire', { name: 'Crash Wire' });
    await setup.close();

    const children: ChildProcess[] = [];
    t.after(() => {
      for (const child of children) child.kill('SIGKILL');
    });
    let stderr = '';
    const serve = () => {
      const child = spawn(process.execPath, [ledeBin, 'serve'], {
        env: { PATH: process.env.PATH, ...env },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      child.stderr?.on('data', (chunk: Buffer) => {
        stderr += chunk.toString('utf8');
      });
      children.push(child);
      return child;
    };
    t.after(() => {
      if (stderr) t.diagnostic(`lede serve stderr: ${stderr.slice(0, 2000)}`);
    });
    const store = await openStore({ url: `sqlite:${join(dataDir, 'lede.db')}` });
    t.after(() => store.close());
    const telegramEnabled = async () => (await store.channels.list()).some((c) => c.name === 'telegram' && c.enabled);
    let n = 0;
    const ingest = async (item: Ninjs) => {
      const file = join(dataDir, `item-${++n}.json`);
      await writeFile(file, JSON.stringify(item));
      const run = await runLede(['ingest', '--source', 'crashwire', file], env);
      assert.equal(run.code, 0, run.stderr);
    };
    const live = () => telegram.liveMessages().map((m) => m.text.split('\n')[0]);
    const headline = (item: Ninjs) => item.headlines?.[0]?.value;
    const crashMidPost = async (child: ChildProcess, item: Ninjs) => {
      telegram.loseAnswer({ times: 1, method: 'sendMessage' });
      const count = telegram.liveMessages().length;
      await ingest(item);
      await within(20_000, async () => telegram.liveMessages().length > count, `the post of ${headline(item)}`);
      child.kill('SIGKILL');
      await exited(child);
    };

    let server = serve();
    // Until the server has enabled the channel from its environment, an event fans out to nothing.
    await within(20_000, telegramEnabled, 'the Telegram channel enabled');
    const first = wireItem();
    await ingest(first);
    await within(20_000, async () => live().includes(headline(first)), 'the first post');

    // 1. Killed mid-post, restarted: the post the lost call made is adopted, not made twice.
    const second = wireItem();
    await crashMidPost(server, second);
    // The restarted process frees the dead one's lease and claim at once (store/holder.ts): it
    // does not wait for them to run out.
    let restartedAt = Date.now();
    server = serve();
    await within(30_000, async () => telegram.callsOf('editMessageText').length > 0, 'the lost post looked for');
    t.diagnostic(`resumed ${Date.now() - restartedAt} ms after the restart`);
    assert.ok(Date.now() - restartedAt < 5000, `resumed ${Date.now() - restartedAt} ms after the restart`);
    await ingest(killOf(second));
    await within(20_000, async () => !live().includes(headline(second)), 'the kill of the adopted post');
    assert.equal(telegram.callsOf('sendMessage').length, 2, 'nothing posted twice');

    // 2. Killed mid-post, the kill stored while it is down: the lost copy goes with the kill.
    const third = wireItem();
    await crashMidPost(server, third);
    await ingest(killOf(third));
    restartedAt = Date.now();
    server = serve();
    await within(30_000, async () => !live().includes(headline(third)), 'the lost copy taken down');
    t.diagnostic(`kill delivered ${Date.now() - restartedAt} ms after the restart`);
    assert.ok(Date.now() - restartedAt < 5000, `the kill went out ${Date.now() - restartedAt} ms after the restart`);
    assert.deepEqual(live(), [headline(first)]);
    assert.equal(telegram.callsOf('sendMessage').length, 3, 'the killed story is not posted again');
    server.kill('SIGTERM');
    await exited(server);
  });
});
