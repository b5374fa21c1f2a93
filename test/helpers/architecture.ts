import { posix } from 'node:path';
import ts from 'typescript';

/** A source file to check, its path relative to the checkout (`src/site/routes/home.ts`). */
export interface SourceFile {
  path: string;
  source: string;
}

export type ViolationRule =
  | 'upward-import'
  | 'sibling-import'
  | 'layer-import'
  | 'dialect-import'
  | 'test-import'
  | 'unchecked-import'
  | 'process-env'
  | 'stories-write'
  | 'unknown-layer'
  | 'body-cast'
  | 'trusted-html-cast'
  | 'client-import';

export interface Violation {
  path: string;
  line: number;
  rule: ViolationRule;
  message: string;
}

/** `src/core/x.ts:3 upward-import: core may not import store, a higher layer ('../store/y.js')` */
export function formatViolation(violation: Violation): string {
  return `${violation.path}:${violation.line} ${violation.rule}: ${violation.message}`;
}

/**
 * STYLE.md §2: what each layer (a folder of `src/`) may import. The rank orders the rows
 * of DESIGN.md's table: a higher rank may not be imported by a lower one.
 */
export const layers: Readonly<Record<string, { rank: number; mayImport: readonly string[] }>> = {
  core: { rank: 0, mayImport: [] },
  store: { rank: 1, mayImport: ['core'] },
  // What every HTTP surface shares (response cache, conditional requests, error replies):
  // below the surfaces, above the store. Ingest is not a surface and may not use it.
  http: { rank: 2, mayImport: ['core', 'store'] },
  ingest: { rank: 3, mayImport: ['core', 'store'] },
  recommend: { rank: 3, mayImport: ['core', 'store'] },
  distribute: { rank: 3, mayImport: ['core', 'store', 'http'] },
  newsroom: { rank: 4, mayImport: ['core', 'store', 'http', 'ingest', 'distribute'] },
  site: { rank: 4, mayImport: ['core', 'store', 'http', 'recommend'] },
  server: { rank: 5, mayImport: ['core', 'store', 'http', 'ingest', 'recommend', 'distribute', 'newsroom', 'site'] },
  cli: { rank: 6, mayImport: ['core', 'store', 'http', 'ingest', 'recommend', 'distribute', 'newsroom', 'site', 'server'] },
};

/**
 * Branded strings and the only code that may make one by a cast (a type assertion, or a
 * declared type on `JSON.parse`'s untyped result). A cast to a type that holds the brand is
 * the same cast: `holders` are known ones (a Story holds its body), others are found in the
 * files checked. `within` narrows a file to one function.
 */
export const brands: ReadonlyArray<{
  rule: ViolationRule;
  type: string;
  holders?: readonly string[];
  producers: ReadonlyArray<{ path: string; within?: string }>;
}> = [
  {
    rule: 'body-cast',
    type: 'SanitizedHtml',
    holders: ['Story'],
    producers: [
      { path: 'src/ingest/sanitize.ts' },
      { path: 'src/store/repos/stories.ts', within: 'toStory' },
      { path: 'src/store/repos/pages.ts', within: 'toPage' },
    ],
  },
  { rule: 'trusted-html-cast', type: 'TrustedHtml', producers: [{ path: 'src/core/escape.ts' }] },
];

const dialectsDir = 'src/store/dialects/';
const dialectPicker = 'src/store/open.ts';
const envReader = 'src/server/config.ts';
const processModules = new Set(['process', 'node:process']);
/** DESIGN/issue 8: the one story-change operation is the only writer of the `stories` table. */
const storiesWriter = 'src/store/story-changes.ts';
const migrationsDir = 'src/store/migrations/';
const writeMethods = new Set(['insertInto', 'updateTable', 'deleteFrom', 'replaceInto', 'mergeInto']);
const storiesSql = /\b(insert\s+(or\s+\w+\s+)?into|update|delete\s+from|replace\s+into)\s+("?)stories\3(\s|\(|$)/i;

/**
 * Checks files under `src/` against the dependency rule: imports (static, `export … from`,
 * dynamic `import()`, `require()`, `import('…')` types) point down the layer table, only
 * `store/open.ts` imports a dialect, only `server/config.ts` reads `process.env`.
 * Files outside `src/` are ignored. Test files (`*.test.ts`) may also import `test/`.
 */
export function checkArchitecture(files: readonly SourceFile[]): Violation[] {
  const parsed: ts.SourceFile[] = [];
  for (const file of files) {
    const path = posix.normalize(file.path.replaceAll('\\', '/'));
    if (!path.startsWith('src/')) continue;
    parsed.push(ts.createSourceFile(path, file.source, ts.ScriptTarget.Latest, true, scriptKind(path)));
  }
  const uses = typeUses(parsed);
  const carriers = new Map(brands.map((brand) => [brand.rule, typesHolding([brand.type, ...(brand.holders ?? [])], uses)]));
  const violations: Violation[] = [];
  for (const sourceFile of parsed) {
    violations.push(...checkFile(sourceFile));
    violations.push(...checkBrandCasts(sourceFile, carriers));
  }
  return violations;
}

function checkFile(sourceFile: ts.SourceFile): Violation[] {
  const path = sourceFile.fileName;
  const violations: Violation[] = [];
  const report = (node: ts.Node, rule: ViolationRule, message: string) => {
    const line = ts.isSourceFile(node) ? 1 : sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1;
    violations.push({ path, line, rule, message });
  };

  const layer = layerOf(path);
  if (layer === undefined) {
    report(sourceFile, 'unknown-layer', `${path} is in no layer of STYLE.md §2 (${Object.keys(layers).join(', ')})`);
  }

  const checkSpecifier = (node: ts.Node, specifier: string) => {
    if (path.startsWith(clientDir) && /^node:|^(fs|path|crypto|process|child_process)$/.test(specifier)) {
      report(node, 'client-import', `browser code in ${clientDir} may not import a Node module ('${specifier}')`);
      return;
    }
    if (!specifier.startsWith('.')) return; // a package or a node: builtin
    const target = posix.normalize(posix.join(posix.dirname(path), specifier));
    const problem = checkImport(path, layer, target);
    if (problem !== undefined) report(node, problem.rule, `${problem.message} ('${specifier}')`);
  };

  // Local names bound to the process module (`import proc from 'node:process'`).
  const processNames = new Set(['process']);

  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier !== undefined) {
      if (ts.isStringLiteral(node.moduleSpecifier)) {
        checkSpecifier(node, node.moduleSpecifier.text);
        if (ts.isImportDeclaration(node) && processModules.has(node.moduleSpecifier.text)) {
          checkProcessImport(node, processNames, report, path);
        }
      }
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      const expression = node.moduleReference.expression;
      if (ts.isStringLiteral(expression)) checkSpecifier(node, expression.text);
    } else if (ts.isImportTypeNode(node)) {
      const argument = node.argument;
      if (ts.isLiteralTypeNode(argument) && ts.isStringLiteral(argument.literal)) checkSpecifier(node, argument.literal.text);
    } else if (ts.isCallExpression(node) && isModuleCall(node)) {
      const [argument] = node.arguments;
      if (argument !== undefined && ts.isStringLiteralLike(argument)) {
        checkSpecifier(node, argument.text);
      } else if (node.expression.kind === ts.SyntaxKind.ImportKeyword) {
        report(node, 'unchecked-import', 'import() of a computed path cannot be checked; import a string literal');
      }
    } else if (path !== envReader && readsProcessEnv(node, processNames)) {
      report(node, 'process-env', `only ${envReader} reads process.env; take the value from config`);
    }
    if (path !== storiesWriter && !path.startsWith(migrationsDir) && writesStories(node)) {
      report(node, 'stories-write', `only ${storiesWriter} (applyStoryChange) writes the stories table`);
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return violations;
}

function checkImport(
  importer: string,
  importerLayer: string | undefined,
  target: string,
): { rule: ViolationRule; message: string } | undefined {
  if (!target.startsWith('src/')) {
    if (target.startsWith('test/') && !isTestFile(importer)) {
      return { rule: 'test-import', message: `only *.test.ts files may import test code (${target})` };
    }
    return undefined;
  }

  // The newsroom's browser client is bundled on its own: it shares no module with the server.
  if (importer.startsWith(clientDir) !== target.startsWith(clientDir)) {
    return importer.startsWith(clientDir)
      ? { rule: 'client-import', message: `browser code in ${clientDir} may import only its own files (${target})` }
      : { rule: 'client-import', message: `server code may not import the browser client in ${clientDir} (${target})` };
  }

  if (target.startsWith(dialectsDir) && !mayImportDialect(importer, target)) {
    return { rule: 'dialect-import', message: `only ${dialectPicker} imports a concrete dialect (${target})` };
  }

  const targetLayer = layerOf(target);
  if (importerLayer === undefined || targetLayer === undefined || targetLayer === importerLayer) return undefined;
  const from = layers[importerLayer]!;
  if (from.mayImport.includes(targetLayer)) return undefined;
  const to = layers[targetLayer]!;
  if (to.rank > from.rank) return { rule: 'upward-import', message: `${importerLayer} may not import ${targetLayer}, a higher layer` };
  if (to.rank === from.rank) return { rule: 'sibling-import', message: `${importerLayer} may not import its sibling ${targetLayer}` };
  return { rule: 'layer-import', message: `${importerLayer} may not import ${targetLayer} (allowed: ${from.mayImport.join(', ')})` };
}

/** `open.ts`, or a file of the same dialect folder; files directly in `dialects/` are shared by them. */
function mayImportDialect(importer: string, target: string): boolean {
  if (importer === dialectPicker) return true;
  if (!importer.startsWith(dialectsDir)) return false;
  const dialect = (path: string) => {
    const rest = path.slice(dialectsDir.length);
    return rest.includes('/') ? rest.slice(0, rest.indexOf('/')) : '';
  };
  return dialect(target) === '' || dialect(target) === dialect(importer);
}

/** The newsroom client (browser code, bundled by scripts/build-newsroom.mjs, its own tsconfig). */
const clientDir = 'src/newsroom/app/';

function layerOf(path: string): string | undefined {
  const [, folder, rest] = path.split('/', 3);
  return rest !== undefined && folder !== undefined && Object.hasOwn(layers, folder) ? folder : undefined;
}

function isTestFile(path: string): boolean {
  return /\.test\.[cm]?tsx?$/.test(path);
}

function scriptKind(path: string): ts.ScriptKind {
  return path.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
}

/** `db.insertInto('stories')` (and update, delete…), or SQL text that writes `stories`. */
function writesStories(node: ts.Node): boolean {
  if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && writeMethods.has(node.expression.name.text)) {
    const [table] = node.arguments;
    return table !== undefined && ts.isStringLiteralLike(table) && /^stories(\s+as\s+\w+)?$/i.test(table.text.trim());
  }
  if (ts.isNoSubstitutionTemplateLiteral(node) || ts.isStringLiteral(node)) return storiesSql.test(node.text);
  if (ts.isTemplateExpression(node))
    return storiesSql.test([node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join(' '));
  return false;
}

/** `import(…)` and `require(…)`. */
function isModuleCall(node: ts.CallExpression): boolean {
  if (node.expression.kind === ts.SyntaxKind.ImportKeyword) return true;
  return ts.isIdentifier(node.expression) && node.expression.text === 'require';
}

/** `process.env`, `process['env']`, `globalThis.process.env`, `const { env } = process`, `require('node:process').env`. */
function readsProcessEnv(node: ts.Node, processNames: ReadonlySet<string>): boolean {
  if (ts.isPropertyAccessExpression(node) && node.name.text === 'env') return isProcess(node.expression, processNames);
  if (ts.isElementAccessExpression(node) && ts.isStringLiteralLike(node.argumentExpression) && node.argumentExpression.text === 'env') {
    return isProcess(node.expression, processNames);
  }
  if (ts.isVariableDeclaration(node) && ts.isObjectBindingPattern(node.name) && node.initializer !== undefined) {
    const bindsEnv = node.name.elements.some((element) => {
      const name = element.propertyName ?? element.name;
      return (ts.isIdentifier(name) || ts.isStringLiteral(name)) && name.text === 'env';
    });
    return bindsEnv && isProcess(node.initializer, processNames);
  }
  return false;
}

function isProcess(expression: ts.Expression, processNames: ReadonlySet<string>): boolean {
  let node = expression;
  while (ts.isParenthesizedExpression(node) || ts.isNonNullExpression(node) || ts.isAsExpression(node)) node = node.expression;
  if (ts.isIdentifier(node)) return processNames.has(node.text);
  if (ts.isPropertyAccessExpression(node) && node.name.text === 'process') {
    return ts.isIdentifier(node.expression) && ['globalThis', 'global'].includes(node.expression.text);
  }
  if (ts.isCallExpression(node) && isModuleCall(node)) {
    const [argument] = node.arguments;
    return argument !== undefined && ts.isStringLiteralLike(argument) && processModules.has(argument.text);
  }
  return false;
}

/** `import process from 'node:process'` binds a name to watch; `import { env } from 'node:process'` reads it. */
function checkProcessImport(
  node: ts.ImportDeclaration,
  processNames: Set<string>,
  report: (node: ts.Node, rule: ViolationRule, message: string) => void,
  path: string,
): void {
  const clause = node.importClause;
  if (clause === undefined) return;
  if (clause.name !== undefined) processNames.add(clause.name.text);
  const bindings = clause.namedBindings;
  if (bindings === undefined) return;
  if (ts.isNamespaceImport(bindings)) {
    processNames.add(bindings.name.text);
    return;
  }
  for (const element of bindings.elements) {
    const imported = element.propertyName ?? element.name;
    if (imported.text === 'env' && path !== envReader) {
      report(element, 'process-env', `only ${envReader} reads process.env; take the value from config`);
    }
  }
}

/**
 * The names of `types` and of every type declared under `src/` that holds one (an alias, an
 * interface extending it or with a member of it, an import renaming one), to a fixed point.
 * Names are matched without resolving modules: two types of the same name count as one.
 */
function typesHolding(types: readonly string[], uses: ReadonlyMap<string, ReadonlySet<string>>): Set<string> {
  const names = new Set(types);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [name, used] of uses) {
      if (names.has(name) || ![...used].some((u) => names.has(u))) continue;
      names.add(name);
      grew = true;
    }
  }
  return names;
}

/** For each type declared (or renamed by an import) under `src/`, the type names it uses. */
function typeUses(files: readonly ts.SourceFile[]): Map<string, Set<string>> {
  const uses = new Map<string, Set<string>>();
  const usesOf = (name: string) => uses.get(name) ?? uses.set(name, new Set()).get(name)!;
  const visit = (node: ts.Node): void => {
    if ((ts.isTypeAliasDeclaration(node) || ts.isInterfaceDeclaration(node) || ts.isClassDeclaration(node)) && node.name) {
      const used = usesOf(node.name.text);
      for (const name of typeNamesUnder(node)) used.add(name);
    } else if (ts.isImportSpecifier(node) && node.propertyName) {
      usesOf(node.name.text).add(node.propertyName.text);
    }
    ts.forEachChild(node, visit);
  };
  for (const file of files) visit(file);
  return uses;
}

function typeNamesUnder(node: ts.Node): Set<string> {
  const names = new Set<string>();
  const visit = (child: ts.Node): void => {
    const name = typeNameOf(child);
    if (name !== undefined) names.add(lastName(name));
    ts.forEachChild(child, visit);
  };
  visit(node);
  return names;
}

function typeNameOf(node: ts.Node): ts.EntityName | ts.Expression | undefined {
  if (ts.isTypeReferenceNode(node)) return node.typeName;
  if (ts.isExpressionWithTypeArguments(node)) return node.expression;
  if (ts.isImportTypeNode(node)) return node.qualifier;
  return undefined;
}

/** Whether a type written under `node` names one of `names`. */
function mentionsType(node: ts.Node, names: ReadonlySet<string>): boolean {
  return [...typeNamesUnder(node)].some((name) => names.has(name));
}

function lastName(name: ts.EntityName | ts.Expression): string {
  if (ts.isIdentifier(name)) return name.text;
  if (ts.isQualifiedName(name)) return name.right.text;
  if (ts.isPropertyAccessExpression(name)) return name.name.text;
  return '';
}

/** Casts to a branded type (or one holding it) outside the code allowed to make it. */
function checkBrandCasts(sourceFile: ts.SourceFile, carriers: ReadonlyMap<ViolationRule, ReadonlySet<string>>): Violation[] {
  const path = sourceFile.fileName;
  const violations: Violation[] = [];
  const visit = (node: ts.Node): void => {
    const castType = castTypeOf(node);
    if (castType !== undefined) {
      for (const brand of brands) {
        if (!mentionsType(castType, carriers.get(brand.rule)!) || isProducer(node, path, brand.producers)) continue;
        const line = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1;
        const allowed = brand.producers.map((p) => (p.within ? `${p.within} in ${p.path}` : p.path)).join(' and ');
        violations.push({
          path,
          line,
          rule: brand.rule,
          message: `only ${allowed} may make a ${brand.type}; this casts to '${castType.getText(sourceFile)}'`,
        });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return violations;
}

/** `x as T`, `<T>x`, and `const x: T = JSON.parse(…)` (an untyped value given a type). */
function castTypeOf(node: ts.Node): ts.TypeNode | undefined {
  if (ts.isAsExpression(node) || ts.isTypeAssertionExpression(node)) return node.type;
  if (ts.isVariableDeclaration(node) && node.type !== undefined && node.initializer !== undefined && isJsonParse(node.initializer)) {
    return node.type;
  }
  return undefined;
}

function isJsonParse(expression: ts.Expression): boolean {
  let node = expression;
  while (ts.isParenthesizedExpression(node) || ts.isAwaitExpression(node)) node = node.expression;
  return (
    ts.isCallExpression(node) &&
    ts.isPropertyAccessExpression(node.expression) &&
    node.expression.name.text === 'parse' &&
    ts.isIdentifier(node.expression.expression) &&
    node.expression.expression.text === 'JSON'
  );
}

function isProducer(node: ts.Node, path: string, producers: ReadonlyArray<{ path: string; within?: string }>): boolean {
  return producers.some((producer) => producer.path === path && (producer.within === undefined || isWithin(node, producer.within)));
}

/** Inside the function (declaration, or a variable holding an arrow or function) named `name`. */
function isWithin(node: ts.Node, name: string): boolean {
  for (let parent = node.parent; parent !== undefined; parent = parent.parent) {
    if ((ts.isFunctionDeclaration(parent) || ts.isVariableDeclaration(parent)) && parent.name && ts.isIdentifier(parent.name)) {
      if (parent.name.text === name) return true;
    }
  }
  return false;
}
