/** Web feeds as wire sources: any partner site or blog can be a source (issue 3). */
export { atomFormat } from './atom.js';
export { rssFormat } from './rss.js';
