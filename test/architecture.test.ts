import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { checkArchitecture, formatViolation, type SourceFile, type Violation } from './helpers/architecture.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const fixtures = join(root, 'test', 'fixtures', 'architecture');

/** Every .ts file under `dir`, with its path relative to `base` in posix form. */
function readSources(dir: string, base: string): SourceFile[] {
  const files: SourceFile[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...readSources(path, base));
    else if (/\.[cm]?tsx?$/.test(entry.name))
      files.push({ path: relative(base, path).split(sep).join('/'), source: readFileSync(path, 'utf8') });
  }
  return files;
}

const summarise = (violations: Violation[]) => violations.map(({ path, rule }) => ({ path, rule }));
const check = (path: string, source: string) => summarise(checkArchitecture([{ path, source }]));

describe('architecture (STYLE.md §2)', () => {
  it('finds no violation under src/', () => {
    const files = readSources(join(root, 'src'), root);
    assert.ok(
      files.some((file) => file.path === 'src/core/errors.ts'),
      'src/ was not read',
    );
    const violations = checkArchitecture(files);
    assert.deepEqual(violations.map(formatViolation), []);
  });
});

describe('checkArchitecture', () => {
  const fixture = (name: string) => checkArchitecture(readSources(join(fixtures, name), join(fixtures, name)));

  it('accepts a tree that keeps every rule', () => {
    assert.deepEqual(fixture('clean').map(formatViolation), []);
  });

  it('reports a static import of a higher layer', () => {
    const violations = fixture('upward-import');
    assert.deepEqual(summarise(violations), [{ path: 'src/core/story-count.ts', rule: 'upward-import' }]);
    assert.equal(violations[0]?.line, 2);
    assert.match(violations[0]?.message ?? '', /core may not import store/);
  });

  it('reports a dynamic import() of a higher layer', () => {
    assert.deepEqual(summarise(fixture('dynamic-import')), [{ path: 'src/store/repos/items.ts', rule: 'upward-import' }]);
    assert.equal(fixture('dynamic-import')[0]?.line, 5);
  });

  it('reports process.env read outside server/config.ts', () => {
    assert.deepEqual(summarise(fixture('process-env')), [{ path: 'src/site/routes/home.ts', rule: 'process-env' }]);
  });

  it('reports a dialect imported outside store/open.ts', () => {
    assert.deepEqual(summarise(fixture('dialect-import')), [{ path: 'src/store/repos/items.ts', rule: 'dialect-import' }]);
  });

  it('reports an import of a sibling in the same row', () => {
    assert.deepEqual(summarise(fixture('sibling-import')), [{ path: 'src/ingest/pipeline.ts', rule: 'sibling-import' }]);
  });

  it('reports a lower layer that the row does not allow (site may use only recommend)', () => {
    assert.deepEqual(summarise(fixture('layer-import')), [{ path: 'src/site/routes/feed.ts', rule: 'layer-import' }]);
  });

  it('reports a write to the stories table outside the one story-change operation', () => {
    const writes = [
      "db.insertInto('stories').values(row).execute();",
      "db.updateTable('stories').set({ state: 'killed' }).execute();",
      "trx.deleteFrom('stories as s').execute();",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the source text of a tagged template
      'await sql`UPDATE stories SET state = ${state} WHERE id = ${id}`.execute(db);',
      "db.executeQuery(CompiledQuery.raw('insert into stories (id) values (1)'));",
    ];
    for (const write of writes) {
      assert.deepEqual(
        check('src/newsroom/operations/kill.ts', write),
        [{ path: 'src/newsroom/operations/kill.ts', rule: 'stories-write' }],
        write,
      );
      assert.deepEqual(check('src/store/story-changes.ts', write), [], write);
      assert.deepEqual(check('src/store/migrations/0009-x.ts', write), [], `migrations may: ${write}`);
    }
    assert.deepEqual(
      check('src/store/repos/x.ts', "db.selectFrom('stories'); db.insertInto('story_tags'); sql`UPDATE story_versions SET x = 1`;"),
      [],
    );
  });

  it('reports an http module that imports a surface above it', () => {
    const violations = fixture('http-upward-import');
    assert.deepEqual(summarise(violations), [{ path: 'src/http/error-reply.ts', rule: 'upward-import' }]);
    assert.match(violations[0]?.message ?? '', /http may not import site, a higher layer/);
  });

  it('puts http below distribute, site and newsroom, above store, and out of ingest and recommend', () => {
    for (const layer of ['distribute', 'site', 'newsroom', 'server'])
      assert.deepEqual(check(`src/${layer}/a.ts`, "import '../http/x.js';"), []);
    assert.deepEqual(check('src/http/a.ts', "import '../store/x.js'; import '../core/y.js';"), []);
    assert.deepEqual(check('src/http/a.ts', "import '../distribute/x.js';"), [{ path: 'src/http/a.ts', rule: 'upward-import' }]);
    assert.deepEqual(check('src/ingest/a.ts', "import '../http/x.js';"), [{ path: 'src/ingest/a.ts', rule: 'layer-import' }]);
    assert.deepEqual(check('src/recommend/a.ts', "import '../http/x.js';"), [{ path: 'src/recommend/a.ts', rule: 'layer-import' }]);
    assert.deepEqual(check('src/store/a.ts', "import '../http/x.js';"), [{ path: 'src/store/a.ts', rule: 'upward-import' }]);
  });

  it('lets newsroom use ingest and distribute, and nothing else of its row', () => {
    assert.deepEqual(check('src/newsroom/a.ts', "import '../ingest/x.js'; import '../distribute/y.js';"), []);
    assert.deepEqual(check('src/newsroom/a.ts', "import '../recommend/x.js';"), [{ path: 'src/newsroom/a.ts', rule: 'layer-import' }]);
    assert.deepEqual(check('src/newsroom/a.ts', "import '../site/x.js';"), [{ path: 'src/newsroom/a.ts', rule: 'sibling-import' }]);
  });

  it('counts every form of import', () => {
    const forms = [
      "export { x } from '../server/app.js';",
      "export * from '../server/app.js';",
      "import type { App } from '../server/app.js';",
      "type App = import('../server/app.js').App;",
      "import app = require('../server/app.js');",
      "const app = require('../server/app.js');",
      'const app = await import(`../server/app.js`);',
    ];
    for (const source of forms)
      assert.deepEqual(check('src/site/a.ts', source), [{ path: 'src/site/a.ts', rule: 'upward-import' }], source);
  });

  it('reports an import() whose path it cannot read', () => {
    const computed = 'const name = "serve"; await import(`./commands/$' + '{name}.js`);';
    assert.deepEqual(check('src/cli/main.ts', computed), [{ path: 'src/cli/main.ts', rule: 'unchecked-import' }]);
  });

  it('finds process.env in all its spellings', () => {
    const forms = [
      'const port = process.env.PORT;',
      "const port = process['env'].PORT;",
      'const port = globalThis.process.env.PORT;',
      'const { env } = process;',
      "import { env } from 'node:process';",
      "import proc from 'node:process'; const port = proc.env.PORT;",
      "import * as proc from 'process'; const port = proc.env.PORT;",
      "const port = require('node:process').env.PORT;",
    ];
    for (const source of forms)
      assert.deepEqual(check('src/store/a.ts', source), [{ path: 'src/store/a.ts', rule: 'process-env' }], source);
    assert.deepEqual(check('src/store/a.ts', 'const argv = process.argv; const environment = { env: 1 }.env;'), []);
    assert.deepEqual(check('src/server/config.ts', 'const port = process.env.PORT;'), []);
  });

  it('lets a dialect import its own files and the shared ones, not the other dialect', () => {
    assert.deepEqual(check('src/store/dialects/sqlite/connect.ts', "import './errors.js'; import '../types.js';"), []);
    assert.deepEqual(check('src/store/dialects/sqlite/connect.ts', "import '../postgres/errors.js';"), [
      { path: 'src/store/dialects/sqlite/connect.ts', rule: 'dialect-import' },
    ]);
  });

  it('keeps the newsroom browser client apart from the server code', () => {
    assert.deepEqual(check('src/newsroom/app/screens/a.tsx', "import '../api'; import { h } from 'preact';"), []);
    const client = { path: 'src/newsroom/app/a.ts', rule: 'client-import' };
    assert.deepEqual(check('src/newsroom/app/a.ts', "import '../../core/story.js';"), [client]);
    assert.deepEqual(check('src/newsroom/app/a.ts', "import { readFile } from 'node:fs/promises';"), [client]);
    assert.deepEqual(check('src/newsroom/routes.ts', "import './app/api';"), [{ path: 'src/newsroom/routes.ts', rule: 'client-import' }]);
  });

  it('lets only test files import test helpers', () => {
    assert.deepEqual(check('src/core/x.test.ts', "import '../../test/helpers/tmp-dir.js';"), []);
    assert.deepEqual(check('src/core/x.ts', "import '../../test/helpers/tmp-dir.js';"), [{ path: 'src/core/x.ts', rule: 'test-import' }]);
  });

  it('applies the layer rule to test files under src/', () => {
    assert.deepEqual(check('src/core/x.test.ts', "import '../store/open.js';"), [{ path: 'src/core/x.test.ts', rule: 'upward-import' }]);
  });

  it('reports a cast to SanitizedHtml outside the sanitiser and the row reader', () => {
    const violations = fixture('body-cast');
    assert.deepEqual(summarise(violations), [{ path: 'src/site/views/teaser.ts', rule: 'body-cast' }]);
    assert.equal(violations[0]?.line, 6);
    assert.match(violations[0]?.message ?? '', /only src\/ingest\/sanitize\.ts and toStory in src\/store\/repos\/stories\.ts/);
  });

  it('reports a cast to TrustedHtml outside the escaper module', () => {
    assert.deepEqual(summarise(fixture('trusted-html-cast')), [{ path: 'src/store/search.ts', rule: 'trusted-html-cast' }]);
  });

  it('counts every form of cast to the body type, and to a type that holds it', () => {
    const body = { path: 'src/site/views/a.ts', rule: 'body-cast' };
    const forms = [
      'const b = s as SanitizedHtml;',
      'const b = <SanitizedHtml>s;',
      'const b = s as unknown as SanitizedHtml;',
      "const b = s as import('../../core/story.js').SanitizedHtml;",
      'const b = [s] as SanitizedHtml[];',
      'const story = JSON.parse(text) as Story;',
      'const story = { ...other, bodyHtml: s } as Partial<Story>;',
      'const story: Story = JSON.parse(text);',
      "import type { SanitizedHtml as Body } from '../../core/story.js'; const b = s as Body;",
      'type Body = SanitizedHtml | undefined; const b = s as Body;',
      'interface Page { story: Story } const p = JSON.parse(text) as Page;',
    ];
    for (const source of forms) assert.deepEqual(check('src/site/views/a.ts', source), [body], source);
    assert.deepEqual(check('src/site/views/a.ts', 'const s = x as StoryState; const n = JSON.parse(t) as number;'), []);
  });

  it('finds a cast to a type declared in another file that holds the body', () => {
    const files = [
      { path: 'src/store/types.ts', source: "import type { Story } from '../core/story.js'; export interface Hit { story: Story }" },
      { path: 'src/site/routes/search.ts', source: "import type { Hit } from '../../store/types.js'; const hit = x as Hit;" },
    ];
    assert.deepEqual(summarise(checkArchitecture(files)), [{ path: 'src/site/routes/search.ts', rule: 'body-cast' }]);
  });

  it('lets the sanitiser make the body type anywhere, the store only in toStory', () => {
    assert.deepEqual(check('src/ingest/sanitize.ts', 'export const emptyBody = "" as SanitizedHtml;'), []);
    const reader = 'export const toStory = (row) => { const story = JSON.parse(row.data) as Story; return story; };';
    assert.deepEqual(check('src/store/repos/stories.ts', reader), []);
    assert.deepEqual(check('src/store/repos/stories.ts', 'function save(s) { return { ...s, bodyHtml: "" as SanitizedHtml }; }'), [
      { path: 'src/store/repos/stories.ts', rule: 'body-cast' },
    ]);
    assert.deepEqual(check('src/store/repos/article-index.ts', reader), [{ path: 'src/store/repos/article-index.ts', rule: 'body-cast' }]);
  });

  it('lets only the escaper module make TrustedHtml', () => {
    assert.deepEqual(check('src/core/escape.ts', 'const t = s as TrustedHtml;'), []);
    assert.deepEqual(check('src/site/views/a.ts', 'const t = s as TrustedHtml;'), [
      { path: 'src/site/views/a.ts', rule: 'trusted-html-cast' },
    ]);
  });

  it('reports a file outside every layer and ignores files outside src/', () => {
    assert.deepEqual(check('src/util.ts', 'export {};'), [{ path: 'src/util.ts', rule: 'unknown-layer' }]);
    assert.deepEqual(check('src/helpers/x.ts', 'export {};'), [{ path: 'src/helpers/x.ts', rule: 'unknown-layer' }]);
    assert.deepEqual(check('test/http/x.test.ts', "import '../../src/store/dialects/sqlite/connect.js'; process.env.X;"), []);
  });
});
