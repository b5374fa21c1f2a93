import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LedeError } from '../core/errors.js';

/** One row of MIND's `news.tsv`: only the id is required; text is often missing. */
export interface MindNews {
  id: string;
  category: string;
  subcategory: string;
  title: string;
  abstract: string;
  /** Wikidata ids of the entities MIND found in the title and abstract (columns 7 and 8). */
  entities: string[];
}

/** One row of MIND's `behaviors.tsv`: a logged impression with its candidates and labels. */
export interface MindImpression {
  id: string;
  userId: string;
  /** Milliseconds since the epoch (the log's "MM/DD/YYYY HH:MM:SS AM/PM", read as UTC). */
  time: number;
  /** News the user clicked before this impression, oldest first. */
  history: string[];
  candidates: string[];
  /** 1 clicked, 0 shown and not clicked; `undefined` for a test log without labels. */
  labels: Array<0 | 1 | undefined>;
  /** 1-based line in behaviors.tsv, for messages. */
  line: number;
}

export interface MindDataset {
  news: Map<string, MindNews>;
  impressions: MindImpression[];
}

const timePattern = /^(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d{2}):(\d{2}) (AM|PM)$/;

function datasetError(file: string, line: number, reason: string): LedeError {
  return new LedeError('LEDE_EVAL_DATASET', `${file}:${line}: ${reason}`, { details: { file, line } });
}

/** MIND's impression time, "11/12/2019 2:14:46 PM", as epoch milliseconds (UTC). */
export function parseMindTime(text: string): number | undefined {
  const m = timePattern.exec(text.trim());
  if (!m) return undefined;
  const [, month, day, year, hour, minute, second, half] = m;
  let h = Number(hour) % 12;
  if (half === 'PM') h += 12;
  const at = Date.UTC(Number(year), Number(month) - 1, Number(day), h, Number(minute), Number(second));
  return Number.isNaN(at) || Number(minute) > 59 || Number(second) > 59 || Number(hour) > 12 ? undefined : at;
}

/** Epoch milliseconds as MIND writes impression times: "11/12/2019 2:14:46 PM" (UTC). */
export function formatMindTime(at: Date): string {
  const h = at.getUTCHours();
  const two = (n: number) => String(n).padStart(2, '0');
  return `${at.getUTCMonth() + 1}/${at.getUTCDate()}/${at.getUTCFullYear()} ${h % 12 === 0 ? 12 : h % 12}:${two(at.getUTCMinutes())}:${two(at.getUTCSeconds())} ${h < 12 ? 'AM' : 'PM'}`;
}

function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}

const wikidataId = /"WikidataId"\s*:\s*"(Q\d+)"/g;

/** The distinct Wikidata ids in MIND's entity columns; read by pattern, so a broken JSON cell costs only its ids. */
function entityIds(cells: string): string[] {
  return [...new Set(Array.from(cells.matchAll(wikidataId), (m) => m[1] as string))];
}

export function parseMindNews(text: string, file = 'news.tsv'): Map<string, MindNews> {
  const news = new Map<string, MindNews>();
  splitLines(text).forEach((row, i) => {
    if (row.trim() === '') return;
    const cols = row.split('\t');
    const id = cols[0]?.trim() ?? '';
    if (id === '') throw datasetError(file, i + 1, 'the first column (news id) is empty');
    news.set(id, {
      id,
      category: cols[1] ?? '',
      subcategory: cols[2] ?? '',
      title: cols[3] ?? '',
      abstract: cols[4] ?? '',
      entities: entityIds(`${cols[6] ?? ''}${cols[7] ?? ''}`),
    });
  });
  return news;
}

export function parseMindBehaviors(text: string, file = 'behaviors.tsv'): MindImpression[] {
  const impressions: MindImpression[] = [];
  splitLines(text).forEach((row, i) => {
    const line = i + 1;
    if (row.trim() === '') return;
    const cols = row.split('\t');
    if (cols.length < 5)
      throw datasetError(
        file,
        line,
        `expected 5 tab-separated columns (impression id, user id, time, history, impressions), found ${cols.length}`,
      );
    const [id = '', userId = '', timeText = '', historyText = '', impressionsText = ''] = cols;
    if (id.trim() === '') throw datasetError(file, line, 'the impression id is empty');
    const time = parseMindTime(timeText);
    if (time === undefined) throw datasetError(file, line, `time "${timeText}" is not "MM/DD/YYYY HH:MM:SS AM/PM"`);
    const candidates: string[] = [];
    const labels: Array<0 | 1 | undefined> = [];
    for (const token of impressionsText.trim().split(/\s+/)) {
      if (token === '') continue;
      const dash = token.lastIndexOf('-');
      const label = dash > 0 ? token.slice(dash + 1) : '';
      if (dash > 0 && (label === '0' || label === '1')) {
        candidates.push(token.slice(0, dash));
        labels.push(label === '1' ? 1 : 0);
      } else if (dash < 0) {
        candidates.push(token);
        labels.push(undefined);
      } else {
        throw datasetError(file, line, `impression "${token}" is not NEWSID-1 or NEWSID-0`);
      }
    }
    if (candidates.length === 0) throw datasetError(file, line, 'the impression lists no candidates');
    const history = historyText.trim() === '' ? [] : historyText.trim().split(/\s+/);
    impressions.push({ id: id.trim(), userId: userId.trim(), time, history, candidates, labels, line });
  });
  return impressions;
}

function readDatasetFile(dir: string, name: string): string {
  const path = join(dir, name);
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : 'cannot be read';
    throw new LedeError('LEDE_EVAL_DATASET', `${path}: ${reason}`, { details: { file: path }, cause: error });
  }
}

/** Reads `news.tsv` and `behaviors.tsv` from a MIND-format folder; errors name the file and line. */
export function loadMindDataset(dir: string): MindDataset {
  const newsPath = join(dir, 'news.tsv');
  const behaviorsPath = join(dir, 'behaviors.tsv');
  return {
    news: parseMindNews(readDatasetFile(dir, 'news.tsv'), newsPath),
    impressions: parseMindBehaviors(readDatasetFile(dir, 'behaviors.tsv'), behaviorsPath),
  };
}
