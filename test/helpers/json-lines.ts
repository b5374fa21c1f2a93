import { readFile } from 'node:fs/promises';

/**
 * The records of a JSON-lines file that child processes append to while the test reads it: a
 * line being appended as we read may come cut short, so only whole lines (ending in \n) count.
 */
export async function readJsonLines<T>(file: string): Promise<T[]> {
  const text = await readFile(file, 'utf8');
  return text
    .slice(0, text.lastIndexOf('\n') + 1)
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as T);
}
