import { randomBytes } from 'node:crypto';
import { LedeError } from '../../core/errors.js';
import { answerExcerpt, requestWithTimeout } from './http.js';

export interface TelegramSettings {
  botToken: string;
  chatId: string;
  /** Default https://api.telegram.org; tests point it at a local server. */
  apiBase: string;
}

export interface PhotoFile {
  bytes: Buffer;
  filename: string;
  contentType: string;
}

export type TelegramAnswer =
  | { ok: true; result: Record<string, unknown> | boolean }
  | { ok: false; errorCode: number; description: string; retryAfterSeconds?: number };

const quoted = (text: string) => text.replace(/["\\\r\n]/g, (ch) => encodeURIComponent(ch));

/**
 * RFC 7578 multipart/form-data, written by hand because the WHATWG `FormData` encoder turns
 * every "\n" of a value into "\r\n": Telegram would then count (and show) the extra
 * characters in a caption measured to fit 1,024.
 */
function multipartBody(boundary: string, fields: Record<string, string | number>, photo: PhotoFile): Buffer {
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${quoted(name)}"\r\n\r\n${value}\r\n`));
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="photo"; filename="${quoted(photo.filename)}"\r\nContent-Type: ${photo.contentType}\r\n\r\n`,
    ),
    photo.bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return Buffer.concat(parts);
}

/**
 * Calls one Bot API method: JSON, or multipart when a file is uploaded. An `ok:false` answer
 * is returned (the caller decides what a 400 means); no answer, or one that is not the Bot
 * API's JSON, throws LEDE_CHANNEL_DELIVERY. Errors name the method, never the token.
 */
export async function callTelegram(input: {
  settings: TelegramSettings;
  method: string;
  fields: Record<string, string | number>;
  photo?: PhotoFile;
  timeoutMs: number;
}): Promise<TelegramAnswer> {
  const { settings, method } = input;
  let body: BodyInit;
  const headers: Record<string, string> = {};
  if (input.photo) {
    const boundary = `lede-${randomBytes(12).toString('hex')}`;
    body = new Uint8Array(multipartBody(boundary, input.fields, input.photo));
    headers['content-type'] = `multipart/form-data; boundary=${boundary}`;
  } else {
    body = JSON.stringify(input.fields);
    headers['content-type'] = 'application/json';
  }
  const label = `telegram ${method}`;
  const answer = await requestWithTimeout({
    url: `${settings.apiBase.replace(/\/+$/, '')}/bot${settings.botToken}/${method}`,
    init: { method: 'POST', headers, body },
    timeoutMs: input.timeoutMs,
    label,
  });
  let parsed: { ok?: unknown; result?: unknown; error_code?: unknown; description?: unknown; parameters?: { retry_after?: unknown } };
  try {
    parsed = JSON.parse(answer.text);
  } catch {
    throw new LedeError(
      'LEDE_CHANNEL_DELIVERY',
      `${label}: HTTP ${answer.status} with a body that is not JSON: ${answerExcerpt(answer.text)}`,
    );
  }
  if (parsed?.ok === true && (typeof parsed.result === 'object' || typeof parsed.result === 'boolean') && parsed.result !== null) {
    return { ok: true, result: parsed.result as Record<string, unknown> | boolean };
  }
  if (parsed?.ok === false && typeof parsed.description === 'string') {
    const retryAfter = Number(parsed.parameters?.retry_after);
    return {
      ok: false,
      errorCode: Number(parsed.error_code ?? answer.status),
      description: parsed.description,
      retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
    };
  }
  throw new LedeError(
    'LEDE_CHANNEL_DELIVERY',
    `${label}: HTTP ${answer.status} with JSON that is not a Bot API answer: ${answerExcerpt(answer.text)}`,
  );
}

/** Throws the failure of an `ok:false` answer that no rule of the caller handled. */
export function telegramFailure(method: string, answer: Extract<TelegramAnswer, { ok: false }>): never {
  throw new LedeError('LEDE_CHANNEL_DELIVERY', `telegram ${method}: ${answer.errorCode} ${answer.description}`, {
    details: { method, errorCode: answer.errorCode },
  });
}
