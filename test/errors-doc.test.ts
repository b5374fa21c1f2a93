import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { isDeepStrictEqual } from 'node:util';
import { errorCodes } from '../src/core/errors.js';

const docPath = new URL('../docs/errors.md', import.meta.url);

interface DocumentedCode {
  status: number;
  isRetryable: boolean;
  description: string;
}

/** The rows of the markdown table headed `| Code | Status | Retryable | Description |`, by code. */
function readCodeTable(markdown: string): Map<string, DocumentedCode> {
  const lines = markdown.split('\n').map((line) => line.trim());
  const header = lines.findIndex((line) => /^\|\s*Code\s*\|\s*Status\s*\|\s*Retryable\s*\|\s*Description\s*\|$/i.test(line));
  assert.ok(header >= 0, 'docs/errors.md has a table headed "| Code | Status | Retryable | Description |"');
  assert.match(lines[header + 1] ?? '', /^\|(\s*:?-+:?\s*\|){4}$/, 'the header is followed by a separator row');

  const rows = new Map<string, DocumentedCode>();
  for (const line of lines.slice(header + 2)) {
    if (!line.startsWith('|')) break;
    const cells = splitRow(line);
    assert.equal(cells.length, 4, `four cells in: ${line}`);
    const [code, status, retryable, description] = cells as [string, string, string, string];
    const bare = code.replace(/^`(.*)`$/, '$1');
    assert.ok(!rows.has(bare), `${bare} is listed once`);
    assert.match(status, /^[1-5]\d\d$/, `${bare}: the status is an HTTP status`);
    assert.match(retryable, /^(yes|no)$/, `${bare}: retryable is yes or no`);
    rows.set(bare, { status: Number(status), isRetryable: retryable === 'yes', description });
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
  it('lists every code of src/core/errors.ts with its status, retryability and description, and nothing else', () => {
    const documented = readCodeTable(readFileSync(docPath, 'utf8'));
    const catalogue = new Map(Object.entries(errorCodes));
    const missing = [...catalogue.keys()].filter((code) => !documented.has(code));
    const unknown = [...documented.keys()].filter((code) => !catalogue.has(code));
    const changed = [...catalogue]
      .filter(([code, spec]) => documented.has(code) && !isDeepStrictEqual(documented.get(code), spec))
      .map(([code, spec]) => ({ code, catalogue: spec, documented: documented.get(code) }));
    assert.deepEqual({ missing, unknown, changed }, { missing: [], unknown: [], changed: [] });
    assert.equal(documented.size, catalogue.size);
  });

  it('reads escaped pipes and code spans in the table', () => {
    const table = [
      '# Errors',
      '',
      '| Code | Status | Retryable | Description |',
      '| --- | --- | --- | --- |',
      '| `LEDE_A` | 400 | no | One \\| two. |',
      '| LEDE_B | 503 | yes | Three. |',
      '',
      'After.',
    ];
    assert.deepEqual(
      [...readCodeTable(table.join('\n'))],
      [
        ['LEDE_A', { status: 400, isRetryable: false, description: 'One | two.' }],
        ['LEDE_B', { status: 503, isRetryable: true, description: 'Three.' }],
      ],
    );
  });
});

describe('errorCodes', () => {
  it('gives every code a 4xx or 5xx status, and retries only what can change (408, 409, 429, 5xx)', () => {
    for (const [code, spec] of Object.entries(errorCodes)) {
      assert.ok(spec.status >= 400 && spec.status < 600, `${code}: ${spec.status}`);
      if (spec.isRetryable)
        assert.ok([408, 409, 429].includes(spec.status) || spec.status >= 500, `${code} is retryable at ${spec.status}`);
    }
  });

  it('declares the statuses the issue names', () => {
    assert.deepEqual(
      (
        ['LEDE_STORE_BUSY', 'LEDE_STORE_UNAVAILABLE', 'LEDE_STORE_MIGRATION', 'LEDE_CONFIG_INVALID', 'LEDE_STORY_REVISION_STALE'] as const
      ).map((code) => [code, errorCodes[code].status, errorCodes[code].isRetryable]),
      [
        ['LEDE_STORE_BUSY', 503, true],
        ['LEDE_STORE_UNAVAILABLE', 503, true],
        ['LEDE_STORE_MIGRATION', 500, false],
        ['LEDE_CONFIG_INVALID', 500, false],
        ['LEDE_STORY_REVISION_STALE', 412, false],
      ],
    );
  });
});
