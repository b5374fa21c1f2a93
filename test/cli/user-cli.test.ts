import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { describe, it } from 'node:test';
import { startTestApp } from '../helpers/app.js';
import { ledeBin, runLede } from '../helpers/cli.js';
import { call } from '../helpers/newsroom.js';

/** Runs `lede ARGS` with `input` on stdin. */
function ledeWithInput(
  args: string[],
  env: Record<string, string>,
  input: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [ledeBin, ...args], { env: { PATH: process.env.PATH, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

describe('lede user add and lede token add', () => {
  it('adds the first admin with the password from stdin, and prints an API token once', async (t) => {
    const app = await startTestApp();
    t.after(() => app.close());
    const env = { LEDE_DATA_DIR: app.config.dataDir, LEDE_LOG_LEVEL: 'silent' };
    const added = await ledeWithInput(
      ['user', 'add', '--email', 'Chief@Example.test', '--name', 'Chief Editor', '--role', 'admin'],
      env,
      'a long first password\n',
    );
    assert.equal(added.code, 0, added.stderr);
    assert.match(added.stderr, /admin chief@example\.test added/);
    const signedIn = await call(app.base, 'POST', 'session', { body: { email: 'chief@example.test', password: 'a long first password' } });
    assert.equal(signedIn.status, 200);
    assert.equal(signedIn.body.user.role, 'admin');

    const short = await ledeWithInput(['user', 'add', '--email', 'b@example.test', '--name', 'B', '--role', 'writer'], env, 'short\n');
    assert.equal(short.code, 1);
    assert.match(short.stderr, /password: must be at least 10 characters/);
    const badRole = await runLede(['user', 'add', '--email', 'c@example.test', '--name', 'C', '--role', 'owner'], env);
    assert.equal(badRole.code, 2);
    assert.match(badRole.stderr, /--role "owner" is not a role/);

    const token = await runLede(['token', 'add', '--email', 'chief@example.test'], env);
    assert.equal(token.code, 0, token.stderr);
    const value = token.stdout.trim();
    assert.match(value, /^lede_[\w-]{40,}$/);
    const users = await call(app.base, 'GET', 'users', { headers: { authorization: `Bearer ${value}` } });
    assert.equal(users.status, 200);
    assert.deepEqual(
      users.body.users.map((u: { email: string }) => u.email),
      ['chief@example.test'],
    );
    const listed = await runLede(['user', 'list'], env);
    assert.equal(listed.stdout, 'chief@example.test\tChief Editor\tadmin\n');
    assert.equal((await runLede(['token', 'add', '--email', 'nobody@example.test'], env)).code, 1);
  });
});
