import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isLedeError } from '../core/errors.js';
import { loadConfig } from './config.js';

const problemsOf = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (error) {
    assert.ok(isLedeError(error, 'LEDE_CONFIG_INVALID'));
    assert.equal(error.isRetryable, false);
    return error.message.split('\n');
  }
  assert.fail('expected LEDE_CONFIG_INVALID');
};

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig({});
    assert.equal(config.port, 3000);
    assert.match(config.databaseUrl, /^sqlite:\/.*\/data\/lede\.db$/);
    assert.equal(config.publicUrl, 'http://localhost:3000');
    assert.equal(config.timezone, 'UTC');
    assert.equal(config.demo, false, 'a production install gets no demo stories unless asked');
    assert.equal(loadConfig({ LEDE_DEMO: '1' }).demo, true);
  });

  it('freezes the result', () => {
    const config = loadConfig({ PORT: '8080' });
    assert.ok(Object.isFrozen(config));
    assert.ok(Object.isFrozen(config.telegram));
    assert.equal(config.publicUrl, 'http://localhost:8080');
  });

  it('refuses an unknown LEDE_ key, naming it', () => {
    const [problem] = problemsOf({ LEDE_DEMOO: '1' });
    assert.match(problem!, /^LEDE_DEMOO="1": unknown setting/);
  });

  it('ignores LEDE_TEST_ and LEDE_UPDATE_ keys', () => {
    assert.doesNotThrow(() => loadConfig({ LEDE_TEST_DATABASE_URL: 'postgres://x', LEDE_UPDATE_GOLDEN: '1' }));
  });

  it('gives one line per bad value with the key, the value and the reason', () => {
    const problems = problemsOf({ PORT: 'eighty', LEDE_TIMEZONE: 'Mars/Olympus', LEDE_DEMO: 'maybe', DATABASE_URL: 'mysql://x' });
    assert.equal(problems.length, 4);
    assert.ok(problems.some((p) => p.startsWith('PORT="eighty": ')));
    assert.ok(problems.some((p) => p.startsWith('LEDE_TIMEZONE="Mars/Olympus": is not an IANA time zone')));
    assert.ok(problems.some((p) => p.startsWith('LEDE_DEMO="maybe": ')));
    assert.ok(problems.some((p) => p.startsWith('DATABASE_URL="mysql://x": must be a postgres:// URL')));
  });

  it('reads LEDE_METRICS_TOKEN, and refuses one too short to be a secret', () => {
    assert.equal(loadConfig({ LEDE_METRICS_TOKEN: 'a-long-enough-secret' }).metricsToken, 'a-long-enough-secret');
    assert.equal(loadConfig({}).metricsToken, undefined);
    const [problem] = problemsOf({ LEDE_METRICS_TOKEN: 'short' });
    assert.match(problem!, /^LEDE_METRICS_TOKEN="short": must be at least 16 characters/);
  });

  it('uses PostgreSQL when DATABASE_URL is set', () => {
    assert.equal(loadConfig({ DATABASE_URL: 'postgres://u@db/lede' }).databaseUrl, 'postgres://u@db/lede');
  });
});
