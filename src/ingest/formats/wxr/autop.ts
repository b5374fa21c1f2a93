// The block elements of WordPress's wpautop (wp-includes/formatting.php): text next to them
// is not wrapped, and they start a chunk of their own.
const blocks =
  '(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|map|area|blockquote|address|' +
  'math|style|p|h[1-6]|hr|fieldset|legend|section|article|aside|hgroup|header|footer|nav|figure|figcaption|details|menu|summary)';
const re = (source: string, flags = 'gi') => new RegExp(source.replaceAll('BLOCK', blocks), flags);

// The steps of wpautop, in its order: separate blocks, wrap every chunk, then take the
// paragraph back off block tags and turn the remaining single newlines into <br />.
const steps: Array<[RegExp, string]> = [
  [re('<p>\\s*</p>'), ''],
  [re('<p>([^<]+)</(div|address|form)>'), '<p>$1</p></$2>'],
  [re('<p>\\s*(</?BLOCK[^>]*>)\\s*</p>'), '$1'],
  [re('<p>(<li.+?)</p>'), '$1'],
  [re('<p><blockquote([^>]*)>'), '<blockquote$1><p>'],
  [re('</blockquote></p>'), '</p></blockquote>'],
  [re('<p>\\s*(</?BLOCK[^>]*>)'), '$1'],
  [re('(</?BLOCK[^>]*>)\\s*</p>'), '$1'],
];
const blockOpen = re('(<BLOCK[\\s/>])');
const blockClose = re('(</BLOCK>)');
const breakAfterBlock = re('(</?BLOCK[^>]*>)\\s*<br />');
const breakBeforeBlock = re('<br />(\\s*</?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)');

/**
 * WordPress's autop, as INGEST-CONTRACT §7 asks for WXR `content:encoded`: a blank line starts
 * a new paragraph, a single newline becomes `<br />`, block elements are left as they are and
 * `<pre>` keeps its line breaks. The editor stores posts this way, without `<p>`.
 */
export function autop(content: string): string {
  const pres: string[] = [];
  let text = content
    .replace(/\r\n?/g, '\n')
    .replace(/\uE010/g, '')
    .replace(/<pre[\s>][\s\S]*?<\/pre>/gi, (pre) => `\uE010${pres.push(pre) - 1}\uE010`)
    // Long runs of blanks mean nothing in HTML outside <pre>, and would make the steps slow.
    .replace(/[ \t]{32,}/g, ' ');
  text = text.replace(blockOpen, '\n\n$1').replace(blockClose, '$1\n\n');
  text = text
    .split(/\n[ \t]*\n/)
    .map((chunk) => chunk.trim())
    .filter(Boolean)
    .map((chunk) => `<p>${chunk}</p>\n`)
    .join('');
  for (const [pattern, replacement] of steps) text = text.replace(pattern, replacement);
  text = text
    .replace(/<p>(\uE010\d+\uE010)<\/p>/g, '$1')
    .replace(/(?<!<br \/>)[ \t]*\n[ \t]*/g, '<br />\n')
    .replace(breakAfterBlock, '$1')
    .replace(breakBeforeBlock, '$1');
  return text.trim().replace(/\uE010(\d+)\uE010/g, (_, i: string) => pres[Number(i)] ?? '');
}
