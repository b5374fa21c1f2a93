import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { settingsCatalogue } from '../src/core/settings-catalogue.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

/** Rows of the README's settings table (`| key | default | meaning |`), as key → default JSON. */
function settingsTable(markdown: string): Map<string, string> {
  const lines = markdown.split('\n').map((line) => line.trim());
  const header = lines.findIndex((line) => /^\|\s*key\s*\|\s*default\s*\|\s*meaning\s*\|$/.test(line));
  assert.ok(header >= 0, 'README.md has a table headed "| key | default | meaning |"');
  const rows = new Map<string, string>();
  for (const line of lines.slice(header + 2)) {
    if (!line.startsWith('|')) break;
    const [key, fallback] = line
      .split('|')
      .slice(1, 3)
      .map((cell) => cell.trim().replace(/^`(.*)`$/, '$1'));
    rows.set(key!, fallback!);
  }
  return rows;
}

describe('README settings table', () => {
  it('lists every key of the settings catalogue with its default, and nothing else', () => {
    const documented = settingsTable(readme);
    const expected = new Map(Object.entries(settingsCatalogue).map(([key, d]) => [key, JSON.stringify(d.default)]));
    assert.deepEqual(documented, expected);
  });
});
