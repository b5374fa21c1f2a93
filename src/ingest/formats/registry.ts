import { atomFormat, rssFormat } from './feeds/index.js';
import { newsmlG2Format } from './newsml-g2/index.js';
import { newsml1Format } from './newsml1/index.js';
import { ninjsFormat } from './ninjs/index.js';
import { nitfFormat } from './nitf/index.js';
import type { Format } from './types.js';
import { wxrFormat } from './wxr/index.js';

/** Every supported wire format, in order of preference when detection ties. No directory scan. */
export const formats: readonly Format[] = [ninjsFormat, newsmlG2Format, newsml1Format, nitfFormat, wxrFormat, rssFormat, atomFormat];
