import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import Fastify from 'fastify';
import { createManualClock } from '../../src/core/clock.js';
import { LedeError } from '../../src/core/errors.js';
import { createErrorReply } from '../../src/http/error-reply.js';
import { createPageCache } from '../../src/http/response-cache.js';
import { registerMediaRoutes } from '../../src/newsroom/media-routes.js';
import { createMediaUpload } from '../../src/newsroom/media-upload.js';
import { siteRoutes } from '../../src/site/plugin.js';
import { createMediaRenditions } from '../../src/store/media-renditions.js';
import { createLocalMediaStorage, type MediaStorage } from '../../src/store/media-storage.js';
import { openStore } from '../../src/store/open.js';
import type { Store } from '../../src/store/types.js';
import { copyMigratedSqlite } from '../helpers/demo-template.js';

export interface UploadTestApp {
  url: string;
  store: Store;
  storage: MediaStorage;
  /** POSTs multipart to `/newsroom/api/v1/media` as a writer (or `role`). */
  upload(form: FormData, options?: { role?: string }): Promise<Response>;
}

/**
 * A real server with the media upload route under `/newsroom/api/v1` (behind a stand-in role
 * check reading `X-Test-Role`, where the newsroom plugin puts `requireRole`) and the reader
 * site serving what was uploaded, over one SQLite file and one media folder.
 */
export async function startUploadApp(t: TestContext, options: { url?: string; searchPath?: string } = {}): Promise<UploadTestApp> {
  const dir = await mkdtemp(join(tmpdir(), 'lede-upload-'));
  if (options.url === undefined) await copyMigratedSqlite(join(dir, 'lede.db'));
  const store = await openStore({ url: options.url ?? `sqlite:${join(dir, 'lede.db')}`, searchPath: options.searchPath });
  await store.migrate();
  const storage = createLocalMediaStorage({ dir: join(dir, 'media') });
  const renditions = createMediaRenditions({ media: store.media, storage });
  const app = Fastify({ logger: false });
  await app.register(siteRoutes, {
    store,
    cache: createPageCache({ maxEntries: 50 }),
    clock: createManualClock('2026-01-10T12:00:00.000Z'),
    config: { publicUrl: 'https://news.example', timezone: 'UTC', mediaDir: join(dir, 'media') },
    media: { storage, renditions },
  });
  await app.register(
    async (newsroom) => {
      newsroom.setErrorHandler(createErrorReply({ format: 'json', surface: 'newsroom' }));
      await registerMediaRoutes(newsroom, {
        upload: createMediaUpload({ media: store.media, storage, renditions }),
        preHandler: async (request) => {
          const role = request.headers['x-test-role'];
          if (role !== 'writer' && role !== 'editor' && role !== 'admin')
            throw new LedeError('LEDE_HTTP_FORBIDDEN', `role ${role} may not upload`);
        },
      });
    },
    { prefix: '/newsroom/api/v1' },
  );
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  t.after(async () => {
    await app.close();
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });
  return {
    url,
    store,
    storage,
    upload: (form, opts = {}) =>
      fetch(`${url}/newsroom/api/v1/media`, { method: 'POST', body: form, headers: { 'x-test-role': opts.role ?? 'writer' } }),
  };
}

/** A multipart form with the picture as `file` and the given fields. */
export function uploadForm(bytes: Buffer, fields: Record<string, string> = {}, filename = 'photo.jpg'): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('file', new Blob([new Uint8Array(bytes)]), filename);
  return form;
}
