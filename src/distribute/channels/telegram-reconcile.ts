import type { PostLedger } from '../channel.js';
import { type TelegramAnswer, telegramFailure } from './telegram-api.js';

/** A post that was asked for and whose answer never came: it may or may not be on the channel. */
export interface LostAttempt {
  chatId: string;
  mode: 'photo' | 'text';
  /** The exact HTML sent: only our own copy of it answers "message is not modified". */
  html: string;
  /** The highest message id we knew when we sent it: a copy, if any, has a higher id. */
  after?: number;
  /** The id of a post we made after it (when `after` was unknown): a copy has a lower id. */
  before?: number;
}

/** The ids a copy of `attempt` may have, nearest first; none when nothing bounds it. */
const candidatesOf = (attempt: LostAttempt): number[] => {
  if (attempt.after !== undefined) return Array.from({ length: probeWindow }, (_, i) => attempt.after! + 1 + i);
  if (attempt.before !== undefined)
    return Array.from({ length: Math.min(probeWindow, attempt.before - 1) }, (_, i) => attempt.before! - 1 - i);
  return [];
};

export type Call = (method: string, fields: Record<string, string | number>) => Promise<TelegramAnswer>;

/** How far past `after` to look: posts by the channel's other admins in between take ids too. */
export const probeWindow = 20;

const notModified = /message is not modified/i;

export type Reconciled =
  | { status: 'done'; found: Array<{ attempt: LostAttempt; messageId: number }>; unresolved: LostAttempt[] }
  | { status: 'later'; answer: Extract<TelegramAnswer, { ok: false }>; method: string };

/**
 * Finds the copies that lost attempts left on the channel.
 *
 * The Bot API cannot read a channel: there is no history method, and a bot gets no update
 * for its own posts (`channel_post` updates are for other admins' posts only), so neither
 * "look the channel up" nor listening for our marker works. What does: message ids in a
 * channel count up, so a copy of an attempt has an id above the highest id we knew when we
 * sent it (or below the id of a post we made after it, for a chat where we knew no id yet),
 * and an edit to the exact HTML of that attempt answers "message is not modified"
 * only for our own copy of it. Any other message answers "not found", "can't be edited" or
 * "no text/caption to edit" — as long as the bot may not edit other admins' posts. If it
 * may ("Edit messages of others"), such an edit would overwrite another admin's post, so
 * we ask `getChatMember` first and, with that right, do not probe: the attempt stays
 * unresolved and is reported, and the editor is told to take that right from the bot.
 */
export async function findLostCopies(input: { attempts: LostAttempt[]; call: Call; ledger?: PostLedger }): Promise<Reconciled> {
  const { attempts, call, ledger } = input;
  const found: Array<{ attempt: LostAttempt; messageId: number }> = [];
  const unresolved: LostAttempt[] = [];
  const safeChats = new Map<string, boolean>();
  for (const attempt of attempts) {
    const candidates = candidatesOf(attempt);
    if (candidates.length === 0) {
      unresolved.push(attempt);
      continue;
    }
    if (!safeChats.has(attempt.chatId)) {
      const safe = await mayProbe(call, attempt.chatId);
      if (safe !== true && safe !== false) return safe;
      safeChats.set(attempt.chatId, safe);
    }
    if (!safeChats.get(attempt.chatId)) {
      unresolved.push(attempt);
      continue;
    }
    const known = (await ledger?.known(candidates.map(String))) ?? new Set<string>();
    for (const id of candidates) {
      // Another post of ours: the lost copy lies between it and the bound (one post at a time per channel).
      if (known.has(String(id))) break;
      const method = attempt.mode === 'photo' ? 'editMessageCaption' : 'editMessageText';
      const field = attempt.mode === 'photo' ? 'caption' : 'text';
      const answer = await call(method, { chat_id: attempt.chatId, message_id: id, [field]: attempt.html, parse_mode: 'HTML' });
      // Went through: a post of the bot's own that we have no record of (not a copy of this HTML).
      if (answer.ok) continue;
      if (answer.errorCode === 429) return { status: 'later', answer, method };
      if (answer.errorCode >= 500) telegramFailure(method, answer);
      if (notModified.test(answer.description)) {
        found.push({ attempt, messageId: id });
        break;
      }
    }
  }
  return { status: 'done', found, unresolved };
}

/** True when the bot cannot edit other admins' posts in `chatId`, so an edit probe touches only its own. */
async function mayProbe(call: Call, chatId: string): Promise<boolean | Extract<Reconciled, { status: 'later' }>> {
  const me = await call('getMe', {});
  if (!me.ok) return me.errorCode === 429 ? { status: 'later', answer: me, method: 'getMe' } : telegramFailure('getMe', me);
  const botId = typeof me.result === 'object' ? Number(me.result.id) : Number.NaN;
  const member = await call('getChatMember', { chat_id: chatId, user_id: botId });
  if (!member.ok)
    return member.errorCode === 429
      ? { status: 'later', answer: member, method: 'getChatMember' }
      : telegramFailure('getChatMember', member);
  const result = typeof member.result === 'object' ? member.result : {};
  return result.status !== 'creator' && result.can_edit_messages !== true;
}
