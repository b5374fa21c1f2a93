/**
 * The corpus of `npm run bench:ingest`: the real Reuters-21578 stories (research-only data,
 * read from shared/datasets at run time and never copied into the repository) written as
 * NewsML-G2 news items and NITF documents, half each, into a folder outside the repository.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface ReutersStory {
  newId: string;
  date: string;
  topics: string[];
  places: string[];
  title?: string;
  dateline?: string;
  paragraphs: string[];
}

const months: Record<string, string> = {
  JAN: '01',
  FEB: '02',
  MAR: '03',
  APR: '04',
  MAY: '05',
  JUN: '06',
  JUL: '07',
  AUG: '08',
  SEP: '09',
  OCT: '10',
  NOV: '11',
  DEC: '12',
};

// biome-ignore lint/suspicious/noControlCharactersInRegex: the control bytes of the 1987 wire, which XML forbids
const forbidden = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

/** The SGML's text: entities decoded, and the control characters XML forbids dropped. */
function sgmlText(raw: string): string {
  return raw
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(forbidden, '');
}

const tagText = (doc: string, tag: string) => {
  const m = new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(doc);
  return m?.[1] === undefined ? undefined : sgmlText(m[1]).trim() || undefined;
};
const labels = (doc: string, tag: string) =>
  [...(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(doc)?.[1] ?? '').matchAll(/<D>(.*?)<\/D>/g)].map((m) => m[1]!);

/** "26-FEB-1987 15:01:01.79" as RFC 3339 UTC. */
function isoDate(text: string | undefined): string {
  const m = /(\d{1,2})-([A-Z]{3})-(\d{4}) (\d{2}):(\d{2}):(\d{2})/.exec(text ?? '');
  if (!m) return '1987-01-01T00:00:00Z';
  return `${m[3]}-${months[m[2]!] ?? '01'}-${m[1]!.padStart(2, '0')}T${m[4]}:${m[5]}:${m[6]}Z`;
}

/** Reuters paragraphs start with an indented line; the last line is the "Reuter" sign-off. */
function paragraphsOf(body: string | undefined): string[] {
  if (!body) return [];
  return body
    .replace(/\s*Reuter\s*$/, '')
    .split(/\n(?= {3,}|\t)/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
}

export async function readReuters(datasetDir: string): Promise<ReutersStory[]> {
  const names = (await readdir(datasetDir)).filter((n) => /^reut2-\d{3}\.sgm$/.test(n)).sort();
  const stories: ReutersStory[] = [];
  for (const name of names) {
    const sgml = (await readFile(join(datasetDir, name))).toString('latin1');
    for (const doc of sgml.split('</REUTERS>')) {
      const newId = /NEWID="(\d+)"/.exec(doc)?.[1];
      if (!newId) continue;
      const story: ReutersStory = {
        newId,
        date: isoDate(tagText(doc, 'DATE')),
        topics: labels(doc, 'TOPICS'),
        places: labels(doc, 'PLACES'),
        title: tagText(doc, 'TITLE'),
        dateline: tagText(doc, 'DATELINE')?.replace(/\s+/g, ' '),
        paragraphs: paragraphsOf(tagText(doc, 'BODY')),
      };
      if (story.title || story.paragraphs.length > 0) stories.push(story);
    }
  }
  return stories;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const headlineOf = (s: ReutersStory) => s.title ?? s.paragraphs[0]!.slice(0, 80);
const bodyOf = (s: ReutersStory) => (s.paragraphs.length > 0 ? s.paragraphs : [headlineOf(s)]).map((p) => `<p>${esc(p)}</p>`).join('\n');
const cityOf = (s: ReutersStory) => s.dateline?.split(',')[0]?.trim();

export function newsmlG2Of(s: ReutersStory): string {
  const city = cityOf(s);
  return `<?xml version="1.0" encoding="UTF-8"?>
<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:newsml:reuters.com:${s.date.slice(0, 10).replace(/-/g, '')}:r21578-${s.newId}" version="1" standard="NewsML-G2" standardversion="2.33" conformance="power" xml:lang="en">
 <catalogRef href="http://www.iptc.org/std/catalog/catalog.IPTC-G2-Standards_37.xml"/>
 <rightsInfo><copyrightHolder literal="Reuters"><name>Reuters</name></copyrightHolder><copyrightNotice>Copyright 1987 Reuters</copyrightNotice></rightsInfo>
 <itemMeta><itemClass qcode="ninat:text"/><provider literal="Reuters"/><versionCreated>${s.date}</versionCreated><firstCreated>${s.date}</firstCreated><pubStatus qcode="stat:usable"/></itemMeta>
 <contentMeta>
  <urgency>5</urgency>
  ${city ? `<located><name>${esc(city)}</name></located>` : ''}
  <infoSource literal="Reuters"/>
  ${s.topics.map((t) => `<subject type="cpnat:abstract" literal="reuters:${esc(t)}"><name>${esc(t)}</name></subject>`).join('')}
  <headline>${esc(headlineOf(s))}</headline>
  ${s.dateline ? `<dateline>${esc(s.dateline)}</dateline>` : ''}
  <language tag="en"/>
 </contentMeta>
 <contentSet><inlineXML contenttype="application/xhtml+xml"><html xmlns="http://www.w3.org/1999/xhtml"><head><title>${esc(headlineOf(s))}</title></head><body>
${bodyOf(s)}
 </body></html></inlineXML></contentSet>
</newsItem>
`;
}

export function nitfOf(s: ReutersStory): string {
  const city = cityOf(s);
  return `<?xml version="1.0" encoding="UTF-8"?>
<nitf version="-//IPTC//DTD NITF 3.6//EN" baselang="en">
 <head>
  <title>${esc(headlineOf(s))}</title>
  ${s.topics.map((t) => `<meta name="reuters-topic" content="${esc(t)}"/>`).join('')}
  <docdata management-status="usable">
   <doc-id id-string="reuters-21578-${s.newId}" regsrc="Reuters"/>
   <urgency ed-urg="5"/>
   <date.issue norm="${s.date.replace(/[-:]/g, '')}"/>
   <du-key version="1"/>
   <doc.copyright holder="Reuters"/>
   <key-list>${s.places.map((p) => `<keyword key="${esc(p)}"/>`).join('')}</key-list>
  </docdata>
 </head>
 <body>
  <body.head>
   <hedline><hl1>${esc(headlineOf(s))}</hl1></hedline>
   ${s.dateline ? `<dateline>${city ? `<location><city>${esc(city)}</city></location>` : ''}${esc(s.dateline.slice(city?.length ?? 0))}</dateline>` : ''}
   <distributor>Reuters</distributor>
  </body.head>
  <body.content>
${bodyOf(s)}
  </body.content>
 </body>
</nitf>
`;
}

/** Writes one file per story, NewsML-G2 and NITF by turns, named without extension as agencies do. */
export async function writeCorpus(stories: ReutersStory[], dir: string): Promise<{ files: string[]; newsmlG2: number; nitf: number }> {
  await mkdir(dir, { recursive: true });
  const files: string[] = [];
  let newsmlG2 = 0;
  for (const [i, s] of stories.entries()) {
    const isG2 = i % 2 === 0;
    const file = join(dir, `${isG2 ? 'g2' : 'nitf'}-${s.newId.padStart(5, '0')}`);
    await writeFile(file, isG2 ? newsmlG2Of(s) : nitfOf(s));
    files.push(file);
    if (isG2) newsmlG2++;
  }
  return { files, newsmlG2, nitf: files.length - newsmlG2 };
}
