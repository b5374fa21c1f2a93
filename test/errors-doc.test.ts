import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { errorCodes } from '../src/core/errors.js';

const docPath = new URL('../docs/errors.md', import.meta.url);

/** The rows of the markdown table headed `| Code | Description |`, as code → description. */
function readCodeTable(markdown: string): Map<string, string> {
  const lines = markdown.split('\n').map((line) => line.trim());
  const header = lines.findIndex((line) => /^\|\s*Code\s*\|\s*Description\s*\|$/i.test(line));
  assert.ok(header >= 0, 'docs/errors.md has a table headed "| Code | Description |"');
  assert.match(lines[header + 1] ?? '', /^\|\s*:?-+:?\s*\|\s*:?-+:?\s*\|$/, 'the header is followed by a separator row');

  const rows = new Map<string, string>();
  for (const line of lines.slice(header + 2)) {
    if (!line.startsWith('|')) break;
    const cells = splitRow(line);
    assert.equal(cells.length, 2, `two cells in: ${line}`);
    const [code, description] = cells as [string, string];
    const bare = code.replace(/^`(.*)`$/, '$1');
    assert.ok(!rows.has(bare), `${bare} is listed once`);
    rows.set(bare, description);
  }
  return rows;
}

/** `| a | b \| c |` → ['a', 'b | c'] */
function splitRow(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  for (let i = 1; i < line.length; i++) {
    const char = line[i];
    if (char === '\\' && line[i + 1] === '|') {
      cell += '|';
      i++;
    } else if (char === '|') {
      cells.push(cell.trim());
      cell = '';
    } else {
      cell += char;
    }
  }
  return cells;
}

describe('docs/errors.md', () => {
  it('lists every code of src/core/errors.ts with its description, and nothing else', () => {
    const documented = readCodeTable(readFileSync(docPath, 'utf8'));
    const catalogue = new Map(Object.entries(errorCodes));
    const missing = [...catalogue.keys()].filter((code) => !documented.has(code));
    const unknown = [...documented.keys()].filter((code) => !catalogue.has(code));
    const changed = [...catalogue].filter(([code, text]) => documented.has(code) && documented.get(code) !== text).map(([code]) => code);
    assert.deepEqual({ missing, unknown, changed }, { missing: [], unknown: [], changed: [] });
    assert.equal(documented.size, catalogue.size);
  });

  it('reads escaped pipes and code spans in the table', () => {
    const table = [
      '# Errors',
      '',
      '| Code | Description |',
      '| --- | --- |',
      '| `LEDE_A` | One \\| two. |',
      '| LEDE_B | Three. |',
      '',
      'After.',
    ];
    assert.deepEqual(
      [...readCodeTable(table.join('\n'))],
      [
        ['LEDE_A', 'One | two.'],
        ['LEDE_B', 'Three.'],
      ],
    );
  });
});
