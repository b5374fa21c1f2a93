import { ninjsFormat } from './ninjs/index.js';
import type { Format } from './types.js';

/** Every supported wire format, in order of preference when detection ties. No directory scan. */
export const formats: readonly Format[] = [ninjsFormat];
