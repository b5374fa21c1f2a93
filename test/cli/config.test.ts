import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { runLede } from '../helpers/cli.js';

const lede = (args: string[], env: Record<string, string>) => runLede(args, env);

describe('lede configuration at start', () => {
  it('stops with one line naming the key, the value and the reason', async () => {
    const result = await lede(['serve'], { PORT: 'eighty', LEDE_DATA_DIR: '/tmp/lede-never-created' });
    assert.notEqual(result.code, 0);
    const lines = result.stderr.trim().split('\n');
    assert.equal(lines.length, 1, result.stderr);
    assert.match(lines[0]!, /^lede: config: PORT="eighty": /);
  });

  it('refuses an unknown LEDE_ key', async () => {
    const result = await lede(['migrate'], { LEDE_TIMEZONE: 'Europe/Paris', LEDE_DEMOO: '0' });
    assert.notEqual(result.code, 0);
    assert.match(result.stderr, /^lede: config: LEDE_DEMOO="0": unknown setting/m);
  });

  it('loads the demo only in the quick start: npm start sets LEDE_DEMO=1 unless the caller set it', () => {
    const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    assert.match(manifest.scripts.start, /&& LEDE_DEMO=\$\{LEDE_DEMO:-1\} node bin\/lede\.js serve$/);
  });

  it('prints the usage for an unknown command', async () => {
    const result = await lede(['publish'], {});
    assert.equal(result.code, 2);
    assert.match(result.stderr, /unknown command "publish"/);
  });
});
