import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LedeError } from '../../core/errors.js';
import { decodeEntities } from '../../core/text.js';

/** One Reuters-21578 story: its text, and its TOPICS labels (labels only, never ranking input). */
export interface ReutersDoc {
  newId: number;
  split: string;
  title: string;
  body: string;
  topics: string[];
}

const filePattern = /^reut2-\d{3}\.sgm$/;

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

function datasetError(file: string, line: number | undefined, reason: string): LedeError {
  return new LedeError('LEDE_EVAL_DATASET', `${file}${line === undefined ? '' : `:${line}`}: ${reason}`, { details: { file, line } });
}

const element = (inner: string, name: string): string | undefined => {
  const open = inner.indexOf(`<${name}>`);
  if (open < 0) return undefined;
  const close = inner.indexOf(`</${name}>`, open);
  return close < 0 ? undefined : inner.slice(open + name.length + 2, close);
};

/** `&lt;`, `&#3;` and the control characters the 1987 wire left in: plain text. */
const cleanText = (raw: string) => decodeEntities(raw).replace(/\p{Cc}/gu, (c) => (c === '\n' || c === '\t' ? c : ' '));

/**
 * Parses one `reut2-NNN.sgm` file (Reuters-21578 Distribution 1.0, SGML read as Latin-1). A
 * story opened and never closed, or one without NEWID, LEWISSPLIT or a closed TOPICS list, is
 * an error naming the file and line: a truncated copy must not pass for a smaller corpus.
 */
export function parseReutersFile(text: string, file: string): ReutersDoc[] {
  const docs: ReutersDoc[] = [];
  let from = 0;
  for (;;) {
    const open = text.indexOf('<REUTERS ', from);
    if (open < 0) break;
    const close = text.indexOf('</REUTERS>', open);
    const nextOpen = text.indexOf('<REUTERS ', open + 1);
    if (close < 0 || (nextOpen >= 0 && nextOpen < close)) {
      throw datasetError(file, lineAt(text, open), '<REUTERS> is opened here and never closed');
    }
    const tagEnd = text.indexOf('>', open);
    const attributes = text.slice(open, tagEnd);
    const inner = text.slice(tagEnd + 1, close);
    const newId = /\bNEWID="(\d+)"/.exec(attributes)?.[1];
    const split = /\bLEWISSPLIT="([A-Z-]+)"/.exec(attributes)?.[1];
    if (!newId || !split) throw datasetError(file, lineAt(text, open), '<REUTERS> has no NEWID or LEWISSPLIT attribute');
    const topicsXml = element(inner, 'TOPICS');
    if (topicsXml === undefined) throw datasetError(file, lineAt(text, open), `story NEWID=${newId} has no closed <TOPICS> list`);
    const topics = [...topicsXml.matchAll(/<D>([^<]*)<\/D>/g)].map((m) => m[1]!.trim()).filter((t) => t.length > 0);
    docs.push({
      newId: Number(newId),
      split,
      title: cleanText(element(inner, 'TITLE') ?? '').trim(),
      body: cleanText(element(inner, 'BODY') ?? '').trim(),
      topics,
    });
    from = close + '</REUTERS>'.length;
  }
  if (docs.length === 0) throw datasetError(file, 1, 'no <REUTERS> story in the file');
  return docs;
}

/** Every story of the `reut2-*.sgm` files in `dir`, in file order. */
export async function readReuters(dir: string): Promise<ReutersDoc[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => filePattern.test(n)).sort();
  } catch (error) {
    throw new LedeError('LEDE_EVAL_DATASET', `${dir}: cannot read the data set folder (${(error as Error).message})`, {
      details: { file: dir },
      cause: error,
    });
  }
  if (names.length === 0)
    throw datasetError(join(dir, 'reut2-000.sgm'), undefined, 'missing: no reut2-NNN.sgm file in the data set folder');
  const docs: ReutersDoc[] = [];
  for (const name of names) {
    const path = join(dir, name);
    const text = (await readFile(path)).toString('latin1');
    docs.push(...parseReutersFile(text, path));
  }
  return docs;
}
