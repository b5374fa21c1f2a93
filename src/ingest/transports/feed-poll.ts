import type { Clock } from '../../core/clock.js';
import { isLedeError, LedeError } from '../../core/errors.js';
import { defaultFeedIntervalSeconds } from '../../core/source-rules.js';
import type { Source } from '../../core/story.js';
import type { Lease, SourceStatus, Store } from '../../store/types.js';
import type { ParseWire } from '../parse-pool.js';
import { defaultMaxFileBytes, type IngestPipeline, type ItemResult, type Logger } from '../pipeline.js';
import { type ResolveHost, safeFetch } from '../safe-fetch.js';

export interface FeedPollOptions {
  timeoutMs?: number;
  /** Longest wait between polls after repeated errors. */
  maxBackoffMs?: number;
  maxBytes?: number;
  userAgent?: string;
  /** DNS for feed hosts (tests stand in for it); the system's when absent. */
  resolve?: ResolveHost;
  /** The parser: the app's worker pool; this thread when absent. */
  parse?: ParseWire;
}

export interface FeedPollResult {
  source: string;
  status: 'ingested' | 'not-modified' | 'error';
  items?: ItemResult[];
  error?: string;
  nextPollAt: string;
}

/** Wait before the next poll: the interval, doubled for each error in a row, up to the cap. */
export function nextDelayMs(input: { intervalMs: number; failures: number; maxBackoffMs: number }): number {
  if (input.failures === 0) return input.intervalMs;
  return Math.min(input.intervalMs * 2 ** Math.min(input.failures, 30), input.maxBackoffMs);
}

/**
 * Polls each source's feed (RSS, Atom or any wire format, detected from the content) at its
 * interval. Conditional requests (ETag / If-Modified-Since, kept per source) save both
 * sides the work; errors back off exponentially up to a cap and are recorded for the
 * source's health. Items already stored are ignored by the pipeline (uri, version, hash).
 *
 * Polls run in the background of the scheduler tick, so a slow feed never delays the
 * embargo release; one poll per source at a time.
 */
export function createFeedPoller(deps: { store: Store; pipeline: IngestPipeline; clock: Clock; logger?: Logger } & FeedPollOptions) {
  const timeoutMs = deps.timeoutMs ?? 20_000;
  const maxBackoffMs = deps.maxBackoffMs ?? 3600_000;
  const maxBytes = deps.maxBytes ?? defaultMaxFileBytes;
  const inFlight = new Map<string, Promise<FeedPollResult>>();

  const fetchFeed = async (url: string, status: SourceStatus | undefined, allowPrivate: boolean) => {
    const headers: Record<string, string> = { 'user-agent': deps.userAgent ?? 'Lede feed poller', accept: '*/*' };
    if (status?.feed.etag) headers['if-none-match'] = status.feed.etag;
    if (status?.feed.lastModified) headers['if-modified-since'] = status.feed.lastModified;
    const signal = AbortSignal.timeout(timeoutMs);
    try {
      // A feed's redirects are checked like a picture's: no private address unless the source allows it.
      const response = await safeFetch(url, { label: 'feed', headers, signal, allowPrivate, resolve: deps.resolve });
      if (response.status === 304) return { response, bytes: undefined };
      if (!response.ok) {
        await response.body?.cancel().catch(() => {});
        throw new LedeError('LEDE_INGEST_FETCH', `feed ${url} answered ${response.status}`, { details: { file: url } });
      }
      const declared = Number(response.headers.get('content-length') ?? Number.NaN);
      const bytes = Buffer.from(await response.arrayBuffer());
      if (declared > maxBytes || bytes.length > maxBytes) {
        throw new LedeError('LEDE_INGEST_TOO_LARGE', `feed ${url} is larger than ${maxBytes} bytes`, { details: { file: url } });
      }
      return { response, bytes };
    } catch (error) {
      if (isLedeError(error)) throw error;
      const reason = signal.aborted ? `did not answer within ${timeoutMs} ms` : `could not be fetched (${(error as Error).message})`;
      throw new LedeError('LEDE_INGEST_FETCH', `feed ${url} ${reason}`, { details: { file: url }, cause: error });
    }
  };

  const pollSource = async (source: Source, status: SourceStatus | undefined, fence?: Lease): Promise<FeedPollResult> => {
    const url = source.rules?.feedUrl ?? '';
    const intervalMs = (source.rules?.feedIntervalSeconds ?? defaultFeedIntervalSeconds) * 1000;
    const started = deps.clock.now();
    try {
      const { response, bytes } = await fetchFeed(url, status, source.rules?.allowPrivateFetch === true);
      const parsed = bytes
        ? await deps.pipeline.parseFile({ bytes, filename: url, source: source.slug }, { parse: deps.parse })
        : undefined;
      const items = parsed ? await deps.pipeline.ingestItems(parsed, { source: source.slug, fence }) : undefined;
      const nextPollAt = new Date(started.getTime() + intervalMs).toISOString();
      await deps.store.sources.saveFeedState(source.slug, {
        // A 304 may leave out the validators: keep the ones we had.
        etag: response.headers.get('etag') ?? status?.feed.etag,
        lastModified: response.headers.get('last-modified') ?? status?.feed.lastModified,
        nextPollAt,
        failures: 0,
      });
      return { source: source.slug, status: items ? 'ingested' : 'not-modified', items, nextPollAt };
    } catch (error) {
      if (!isLedeError(error)) throw error;
      const failures = (status?.feed.failures ?? 0) + 1;
      const nextPollAt = new Date(started.getTime() + nextDelayMs({ intervalMs, failures, maxBackoffMs })).toISOString();
      await deps.store.sources.saveFeedState(source.slug, { ...status?.feed, nextPollAt, failures });
      await deps.store.sources.recordError(source.slug, { at: started.toISOString(), message: error.message });
      deps.logger?.warn({ source: source.slug, url, failures, nextPollAt, reason: error.message }, 'feed poll failed');
      return { source: source.slug, status: 'error', error: error.message, nextPollAt };
    }
  };

  const start = (source: Source, status: SourceStatus | undefined, fence?: Lease) => {
    const poll = pollSource(source, status, fence)
      .catch((error): FeedPollResult => {
        deps.logger?.warn({ source: source.slug, err: error }, 'feed poll failed');
        return { source: source.slug, status: 'error', error: String(error), nextPollAt: deps.clock.now().toISOString() };
      })
      .finally(() => inFlight.delete(source.slug));
    inFlight.set(source.slug, poll);
    return poll;
  };

  return {
    /**
     * Starts a poll of every feed that is due and not already being polled; does not wait for
     * them. With the scheduler's `fence`, a poll stores items only while this process holds it.
     */
    async pollDue(fence?: Lease): Promise<string[]> {
      const now = deps.clock.now().getTime();
      const statuses = new Map((await deps.store.sources.listStatus(deps.clock.now())).map((s) => [s.sourceSlug, s]));
      const started: string[] = [];
      for (const source of await deps.store.sources.list()) {
        if (!source.rules?.feedUrl || inFlight.has(source.slug)) continue;
        const status = statuses.get(source.slug);
        const next = status?.feed.nextPollAt ? Date.parse(status.feed.nextPollAt) : 0;
        if (next > now) continue;
        void start(source, status, fence);
        started.push(source.slug);
      }
      return started;
    },
    /** Waits for the polls under way (tests; shutdown). */
    async settle(): Promise<FeedPollResult[]> {
      return Promise.all([...inFlight.values()]);
    },
  };
}

export type FeedPoller = ReturnType<typeof createFeedPoller>;
