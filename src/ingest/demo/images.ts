import { createHash } from 'node:crypto';

const palettes = [
  ['#0b3d91', '#1e88e5', '#ffca28', '#e3f2fd'],
  ['#1b5e20', '#66bb6a', '#fff176', '#f1f8e9'],
  ['#4a148c', '#ab47bc', '#ff8a65', '#fce4ec'],
  ['#b71c1c', '#ef5350', '#ffe082', '#fff3e0'],
  ['#004d40', '#26a69a', '#80deea', '#e0f7fa'],
  ['#263238', '#78909c', '#ffb300', '#eceff1'],
  ['#3e2723', '#8d6e63', '#ffcc80', '#efebe9'],
];

/** A deterministic pseudo-random sequence from a seed, so the same picture is drawn every time. */
function sequence(seed: string): () => number {
  let state = createHash('sha256').update(seed).digest().readUInt32LE(0) || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return ((state >>> 0) % 10000) / 10000;
  };
}

/**
 * Draws the demo "photo" for `lede-demo-image:SEED`: a landscape of sky, sun, hills and
 * skyline in one of a few palettes. Made locally with sharp, so the demo ships no binaries.
 */
export async function generateDemoPicture(href: string, width = 1600, height = 900): Promise<Buffer> {
  const seed = href.slice(href.indexOf(':') + 1);
  const rand = sequence(seed);
  const [deep, mid, sun, sky] = palettes[Math.floor(rand() * palettes.length)]!;
  const hills = Array.from({ length: 3 }, (_, layer) => {
    const base = height * (0.55 + layer * 0.12);
    const points = Array.from({ length: 9 }, (_, i) => `${(i / 8) * width},${base - rand() * height * 0.18}`);
    return `<polygon points="0,${height} ${points.join(' ')} ${width},${height}" fill="${layer === 2 ? deep : mid}" opacity="${0.55 + layer * 0.2}"/>`;
  }).join('');
  const towers = Array.from({ length: 14 }, (_, i) => {
    const w = width / 28;
    const h = height * (0.08 + rand() * 0.25);
    return `<rect x="${i * w * 2 + rand() * w}" y="${height * 0.62 - h}" width="${w}" height="${h + height * 0.1}" fill="${deep}" opacity="0.35"/>`;
  }).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${sky}"/><stop offset="1" stop-color="${mid}"/></linearGradient></defs>
    <rect width="100%" height="100%" fill="url(#g)"/>
    <circle cx="${width * (0.15 + rand() * 0.7)}" cy="${height * (0.18 + rand() * 0.2)}" r="${height * (0.07 + rand() * 0.06)}" fill="${sun}"/>
    ${towers}${hills}
  </svg>`;
  const { default: sharp } = await import('sharp');
  return sharp(Buffer.from(svg)).jpeg({ quality: 82 }).toBuffer();
}

/** A round avatar with the author's initials, from a colour derived from the name. */
export async function generateAvatar(name: string, size = 192): Promise<Buffer> {
  const rand = sequence(name);
  const [deep] = palettes[Math.floor(rand() * palettes.length)]!;
  const initials = name
    .split(/\s+/)
    .map((part) => [...part][0] ?? '')
    .slice(0, 2)
    .join('')
    .toUpperCase()
    .replace(/[<>&"]/g, '');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}">
    <rect width="100%" height="100%" fill="${deep}"/>
    <circle cx="${size / 2}" cy="${size * 0.4}" r="${size * 0.2}" fill="#ffffff" opacity="0.25"/>
    <text x="50%" y="58%" font-family="DejaVu Sans, sans-serif" font-size="${size * 0.36}" fill="#ffffff" text-anchor="middle" dominant-baseline="middle">${initials}</text>
  </svg>`;
  const { default: sharp } = await import('sharp');
  return sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer();
}
