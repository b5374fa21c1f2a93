import { LedeError } from '../../core/errors.js';

export interface HttpAnswer {
  status: number;
  headers: Headers;
  text: string;
}

/**
 * One request to a channel endpoint with a hard timeout: a remote that never answers must
 * not hold a worker. `label` names the request in errors (never the URL of a Telegram
 * call, which carries the bot token).
 */
export async function requestWithTimeout(input: { url: string; init: RequestInit; timeoutMs: number; label: string }): Promise<HttpAnswer> {
  let response: Response;
  try {
    response = await fetch(input.url, { ...input.init, redirect: 'manual', signal: AbortSignal.timeout(input.timeoutMs) });
  } catch (error) {
    const name = (error as Error).name;
    const reason =
      name === 'TimeoutError' || name === 'AbortError'
        ? `no answer within ${input.timeoutMs} ms`
        : `request failed (${(error as Error & { cause?: { code?: string } }).cause?.code ?? (error as Error).message})`;
    throw new LedeError('LEDE_CHANNEL_DELIVERY', `${input.label}: ${reason}`, { cause: error });
  }
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    throw new LedeError(
      'LEDE_CHANNEL_DELIVERY',
      `${input.label}: the answer (HTTP ${response.status}) broke off: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
  return { status: response.status, headers: response.headers, text };
}

/** A short, single-line excerpt of a remote's answer for an error message. */
export const answerExcerpt = (text: string) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat || '(empty body)';
};
