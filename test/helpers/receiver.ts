import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The raw body, exactly as sent (a signature is checked over these bytes). */
  body: string;
}

/** What to answer the n-th request (from 1): a status and body, or `hang` to never answer. */
export type Responder = (request: ReceivedRequest, n: number) => { status: number; body?: string } | 'hang';

/**
 * A local HTTP server standing in for a webhook subscriber or a CDN purge endpoint: records
 * every request and answers as `respond` says (default 200).
 */
export async function startReceiver(respond: Responder = () => ({ status: 200, body: 'ok' })) {
  const requests: ReceivedRequest[] = [];
  let responder = respond;
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const received: ReceivedRequest = {
      method: request.method ?? '',
      path: request.url ?? '/',
      headers: request.headers,
      body: Buffer.concat(chunks).toString('utf8'),
    };
    requests.push(received);
    const answer = responder(received, requests.length);
    if (answer === 'hang') return;
    response.writeHead(answer.status, { 'content-type': 'text/plain' }).end(answer.body ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    requests,
    respondWith(next: Responder) {
      responder = next;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type Receiver = Awaited<ReturnType<typeof startReceiver>>;
