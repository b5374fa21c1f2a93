import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { it } from 'node:test';
import { ledeBin } from '../helpers/cli.js';
import { login, startNewsroomApp, within } from '../helpers/newsroom.js';
import { describeEngines } from '../helpers/postgres.js';

const rounds = 8;

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });

// Issue 11: two editors on one story see a clear warning, not a silent overwrite. Two servers
// (this test's and a `lede serve` child) on one database take one PATCH each, with the same
// If-Match, at the same moment: exactly one wins, the other answers 412.
describeEngines('two editors saving one story at once on two servers', { migrated: true }, (engine) => {
  it('lets exactly one PATCH of a revision win; the other answers 412 and nothing is lost silently', async (t) => {
    const app = await startNewsroomApp(t, engine, { isInDataDir: true });
    const port = await freePort();
    let stderr = '';
    const child: ChildProcess = spawn(process.execPath, [ledeBin, 'serve'], {
      env: {
        PATH: process.env.PATH,
        LEDE_DATA_DIR: app.config.dataDir,
        PORT: String(port),
        LEDE_LOG_LEVEL: 'error',
        LEDE_PUBLIC_URL: 'http://news.example.test',
        ...(engine.name === 'postgres' ? { DATABASE_URL: engine.url } : {}),
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    t.after(() => {
      child.kill('SIGKILL');
      if (stderr) t.diagnostic(`lede serve stderr: ${stderr.slice(0, 2000)}`);
    });
    const other = `http://127.0.0.1:${port}`;
    await within(30_000, 'the second server is ready', async () => (await fetch(`${other}/readyz`).catch(() => undefined))?.status === 200);

    const first = await login(app.base, app.emails.editor);
    // Sessions live in the database: the second editor signs in on the other server.
    const second = await login(other, app.emails.admin);
    const created = await first.request('POST', 'stories', {
      body: { headline: 'Council approves budget', body_html: '<p>The vote was close.</p>', section: 'world' },
    });
    let version = created.body.version as number;
    const id = created.body.id as string;
    for (let round = 1; round <= rounds; round++) {
      const save = (client: typeof first, who: string) =>
        client.request('PATCH', `stories/${id}`, {
          body: { headline: `Budget headline ${round} by ${who}` },
          headers: { 'if-match': `"${version}"` },
        });
      const answers = await Promise.all([save(first, 'first'), save(second, 'second')]);
      const statuses = answers.map((a) => a.status).sort();
      assert.deepEqual(statuses, [200, 412], `round ${round}: ${JSON.stringify(answers.map((a) => a.body))}`);
      const winner = answers.find((a) => a.status === 200)!;
      const loser = answers.find((a) => a.status === 412)!;
      assert.equal(loser.body.error.code, 'LEDE_STORY_REVISION_STALE');
      assert.equal(winner.body.version, version + 1);
      const stored = await app.store.stories.findStored(id);
      assert.equal(stored?.revision, version + 1, 'one revision per round');
      assert.equal(stored?.headline, winner.body.headline, "the stored story is the winner's");
      version += 1;
    }
    const revisions = (await first.request('GET', `stories/${id}/revisions`)).body.revisions;
    assert.equal(revisions.length, rounds + 1, 'one revision for the draft and one per winning save');

    // Published on one server, the story is on the other server's (cached) home page within 2 s.
    const home = await fetch(`${other}/`);
    assert.ok(!(await home.text()).includes('Budget headline'));
    await fetch(`${other}/`);
    const published = await first.request('POST', `stories/${id}/publish`);
    assert.equal(published.status, 200);
    const took = await within(2000, "the other server's home page shows it", async () =>
      (await (await fetch(`${other}/`)).text()).includes(published.body.headline),
    );
    t.diagnostic(`on the other server's home page ${took} ms after the publish answered`);
  });
});
