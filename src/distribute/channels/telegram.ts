import { LedeError } from '../../core/errors.js';
import { absoluteUrl, articlePath, mediaPath } from '../../core/urls.js';
import { type Channel, type ChannelContext, type DeliveryResult, type RenderResult, skipUnlessLive } from '../channel.js';
import { callTelegram, type PhotoFile, type TelegramAnswer, type TelegramSettings, telegramFailure } from './telegram-api.js';
import { findLostCopies, type LostAttempt } from './telegram-reconcile.js';
import { captionLimit, messageLimit, photoCredit, renderTelegramPost, withdrawnHtml } from './telegram-text.js';

type PostMode = 'photo' | 'text';

/** `lost`: earlier posts of the story whose answer never came; they are looked for first. */
export type TelegramPayload =
  | {
      action: 'send';
      method: 'sendPhoto' | 'sendMessage';
      fields: Record<string, string | number>;
      photo?: PhotoFile;
      mode: PostMode;
      lost: LostAttempt[];
    }
  | { action: 'edit'; method: 'editMessageCaption' | 'editMessageText'; fields: Record<string, string | number> }
  | { action: 'delete'; chatId: string; messageId: number; mode: PostMode; lost: LostAttempt[] }
  /** A kill or withhold of a story with no post on record but lost attempts: take down what they left. */
  | { action: 'sweep'; lost: LostAttempt[] };

export interface TelegramChannelDeps {
  settings: TelegramSettings;
  /** The hero picture from our media folder, for a multipart upload; undefined when we lack the file. */
  loadPicture(mediaId: string): Promise<PhotoFile | undefined>;
  timeoutMs?: number;
}

// Bot API error descriptions (https://core.telegram.org/bots/api, "Bad Request: …").
const notModified = /message is not modified/i;
const editTargetGone = /message to edit not found/i;
const deleteTargetGone = /message to delete not found/i;
/** Bots may delete only messages younger than 48 hours; older ones answer this. */
const tooOldToDelete = /message can't be deleted/i;

/** Attempts whose outcome is unknown: all of a post being sent, or those a live post could not resolve. */
const lostAttemptsOf = (post: ChannelContext['post']): LostAttempt[] => {
  const attempts = post?.state === 'sending' ? post.data.attempts : post?.data.unresolved;
  return Array.isArray(attempts) ? (attempts as LostAttempt[]) : [];
};

const later = (method: string, answer: Extract<TelegramAnswer, { ok: false }>): DeliveryResult => ({
  status: 'later',
  reason: `telegram ${method}: 429 ${answer.description}`,
  retryAfterMs: (answer.retryAfterSeconds ?? 1) * 1000,
});

const editFields = (
  mode: PostMode,
  chatId: string,
  messageId: number,
  html: string,
): { method: 'editMessageCaption' | 'editMessageText'; fields: Record<string, string | number> } =>
  mode === 'photo'
    ? { method: 'editMessageCaption', fields: { chat_id: chatId, message_id: messageId, caption: html, parse_mode: 'HTML' } }
    : { method: 'editMessageText', fields: { chat_id: chatId, message_id: messageId, text: html, parse_mode: 'HTML' } };

/**
 * The Telegram channel: a post per story on publish (`sendPhoto` with the hero picture and a
 * caption, or `sendMessage`), edited on update, deleted on kill or withhold — or, past the
 * 48 hours in which Telegram lets a bot delete, edited to say the story was withdrawn.
 *
 * A post can be made while its answer is lost (the process dies mid-call, a timeout). So the
 * intent — the exact HTML and the highest message id known — is recorded before each send,
 * and the message id as soon as it comes back. The next delivery of the story finds a post
 * still `sending` and looks for what the lost call left (`telegram-reconcile.ts`): a publish
 * adopts that copy instead of posting again, a kill deletes it with the recorded post.
 */
export function createTelegramChannel(deps: TelegramChannelDeps): Channel<TelegramPayload> {
  const { settings } = deps;
  const timeoutMs = deps.timeoutMs ?? 10_000;
  const call = (method: string, fields: Record<string, string | number>, photo?: PhotoFile) =>
    callTelegram({ settings, method, fields, photo, timeoutMs });

  const postHtml = (story: Parameters<Channel['render']>[0], ctx: ChannelContext, mode: PostMode) =>
    renderTelegramPost({
      headline: story.headline,
      standfirst: story.standfirst,
      credit: mode === 'photo' ? photoCredit(story) : undefined,
      url: absoluteUrl(ctx.publicUrl, articlePath(story)),
      limit: mode === 'photo' ? captionLimit : messageLimit,
    });

  const withdraw = async (payload: Extract<TelegramPayload, { action: 'delete' }>): Promise<DeliveryResult> => {
    const edit = editFields(payload.mode, payload.chatId, payload.messageId, withdrawnHtml);
    const answer = await call(edit.method, edit.fields);
    const post = { remoteId: String(payload.messageId), data: { chatId: payload.chatId, mode: payload.mode } };
    if (answer.ok || notModified.test(answer.description))
      return { status: 'delivered', note: 'too old to delete: edited to say withdrawn', post: { ...post, state: 'withdrawn' } };
    if (answer.errorCode === 429) return later(edit.method, answer);
    if (editTargetGone.test(answer.description))
      return { status: 'delivered', note: 'post already gone', post: { ...post, state: 'deleted' } };
    return telegramFailure(edit.method, answer);
  };

  const remove = async (chatId: string, messageId: number, mode: PostMode): Promise<DeliveryResult> => {
    const answer = await call('deleteMessage', { chat_id: chatId, message_id: messageId });
    const post = { remoteId: String(messageId), state: 'deleted' as const, data: { chatId, mode } };
    if (answer.ok) return { status: 'delivered', note: `message ${messageId} deleted`, post };
    if (answer.errorCode === 429) return later('deleteMessage', answer);
    if (deleteTargetGone.test(answer.description)) return { status: 'delivered', note: 'post already gone', post };
    if (tooOldToDelete.test(answer.description)) return withdraw({ action: 'delete', chatId, messageId, mode, lost: [] });
    return telegramFailure('deleteMessage', answer);
  };

  /** Finds and takes down the copies lost attempts left. */
  const sweep = async (lost: LostAttempt[], ctx: ChannelContext) => {
    if (lost.length === 0) return { status: 'done' as const, deleted: [] as string[], unresolved: [] as LostAttempt[] };
    const found = await findLostCopies({ attempts: lost, call, ledger: ctx.ledger });
    if (found.status === 'later') return { status: 'later' as const, result: later(found.method, found.answer) };
    const deleted: string[] = [];
    for (const copy of found.found) {
      const result = await remove(copy.attempt.chatId, copy.messageId, copy.attempt.mode);
      if (result.status === 'later') return { status: 'later' as const, result };
      deleted.push(String(copy.messageId));
    }
    return { status: 'done' as const, deleted, unresolved: found.unresolved };
  };

  const sweepNote = (swept: { deleted: string[]; unresolved: LostAttempt[] }) =>
    [
      swept.deleted.length > 0 ? `lost copies ${swept.deleted.join(', ')} deleted` : 'no lost copy found',
      swept.unresolved.length > 0
        ? `${swept.unresolved.length} lost attempt(s) not checked: the bot may edit other admins' posts, so Lede does not probe; take that right from it`
        : '',
    ]
      .filter(Boolean)
      .join('; ');

  const send = async (payload: Extract<TelegramPayload, { action: 'send' }>, ctx: ChannelContext): Promise<DeliveryResult> => {
    const chatId = String(payload.fields.chat_id);
    const html = String(payload.fields.caption ?? payload.fields.text ?? '');
    let unresolved: LostAttempt[] = [];
    if (payload.lost.length > 0) {
      // A post whose answer was lost may be on the channel: adopt it rather than post twice.
      const found = await findLostCopies({ attempts: payload.lost, call, ledger: ctx.ledger });
      if (found.status === 'later') return later(found.method, found.answer);
      unresolved = found.unresolved;
      const [kept, ...extra] = found.found;
      if (kept) {
        const data = { chatId: kept.attempt.chatId, mode: kept.attempt.mode, ...(unresolved.length > 0 ? { unresolved } : {}) };
        const post = { remoteId: String(kept.messageId), state: 'live' as const, data };
        await ctx.ledger?.record(post);
        for (const copy of extra) {
          const result = await remove(copy.attempt.chatId, copy.messageId, copy.attempt.mode);
          if (result.status === 'later') return result;
        }
        // Bring the recovered post to the story as it is now.
        if (kept.attempt.mode === payload.mode && kept.attempt.html !== html) {
          const edit = editFields(payload.mode, kept.attempt.chatId, kept.messageId, html);
          const answer = await call(edit.method, edit.fields);
          if (!answer.ok && answer.errorCode === 429) return later(edit.method, answer);
          if (!answer.ok && !notModified.test(answer.description)) return telegramFailure(edit.method, answer);
        }
        return { status: 'delivered', note: `message ${kept.messageId} recovered after a lost answer`, post };
      }
    }
    // The intent, before the call: if the answer is lost, the next attempt looks for this post.
    const attempt: LostAttempt = { chatId, mode: payload.mode, html, after: await ctx.ledger?.latestRemoteId() };
    await ctx.ledger?.record({ remoteId: '', state: 'sending', data: { attempts: [...unresolved, attempt] } });
    const answer = await call(payload.method, payload.fields, payload.photo);
    if (!answer.ok) {
      // A definite answer: nothing was posted by this attempt.
      await ctx.ledger?.record({ remoteId: '', state: 'sending', data: { attempts: unresolved } });
      return answer.errorCode === 429 ? later(payload.method, answer) : telegramFailure(payload.method, answer);
    }
    const messageId = typeof answer.result === 'object' ? answer.result.message_id : undefined;
    if (typeof messageId !== 'number')
      throw new LedeError('LEDE_CHANNEL_DELIVERY', `telegram ${payload.method}: answer ok but without a numeric result.message_id`);
    const post = { remoteId: String(messageId), state: 'live' as const, data: { chatId, mode: payload.mode } as Record<string, unknown> };
    // Recorded as soon as known, before anything else can fail.
    await ctx.ledger?.record(post);
    if (unresolved.length === 0) return { status: 'delivered', note: `message ${messageId}`, post };
    // Attempts made before we knew any id of the chat: a copy lies just below this post.
    const bounded = unresolved.map((a) => (a.after === undefined && a.before === undefined ? { ...a, before: messageId } : a));
    const swept = await sweep(bounded, ctx);
    const left = swept.status === 'done' ? swept.unresolved : bounded;
    if (left.length > 0) post.data = { ...post.data, unresolved: left };
    const note = swept.status === 'done' ? `message ${messageId}; ${sweepNote(swept)}` : `message ${messageId}`;
    return { status: 'delivered', note, post };
  };

  return {
    name: 'telegram',
    kind: 'telegram',
    right: 'social',
    async render(story, event, ctx): Promise<RenderResult<TelegramPayload>> {
      const live = ctx.post?.state === 'live' ? ctx.post : undefined;
      const lost = lostAttemptsOf(ctx.post);
      const mode: PostMode = live?.data.mode === 'photo' ? 'photo' : 'text';
      const chatId = typeof live?.data.chatId === 'string' ? live.data.chatId : settings.chatId;
      if (event.kind === 'kill' || event.kind === 'withhold') {
        if (live) return { payload: { action: 'delete', chatId, messageId: Number(live.remoteId), mode, lost } };
        if (lost.length > 0) return { payload: { action: 'sweep', lost } };
        return { skip: `nothing live on Telegram to take down for this ${event.kind}` };
      }
      const notLive = skipUnlessLive(story, event);
      if (notLive) return notLive;
      if (live) return { payload: { action: 'edit', ...editFields(mode, chatId, Number(live.remoteId), postHtml(story, ctx, mode)) } };
      if (story.hero) {
        const caption = postHtml(story, ctx, 'photo');
        const fields = { chat_id: settings.chatId, caption, parse_mode: 'HTML' };
        const file = await deps.loadPicture(story.hero.mediaId);
        // Without our copy of the file, Telegram fetches the picture from our public URL.
        if (!file)
          return {
            payload: {
              action: 'send',
              method: 'sendPhoto',
              mode: 'photo',
              fields: { ...fields, photo: absoluteUrl(ctx.publicUrl, mediaPath(story.hero.mediaId)) },
              lost,
            },
          };
        return { payload: { action: 'send', method: 'sendPhoto', mode: 'photo', fields, photo: file, lost } };
      }
      const text = postHtml(story, ctx, 'text');
      return {
        payload: {
          action: 'send',
          method: 'sendMessage',
          mode: 'text',
          fields: { chat_id: settings.chatId, text, parse_mode: 'HTML' },
          lost,
        },
      };
    },
    async deliver(payload, ctx) {
      if (payload.action === 'send') return send(payload, ctx);
      if (payload.action === 'edit') {
        const answer = await call(payload.method, payload.fields);
        if (answer.ok) return { status: 'delivered', note: `message ${payload.fields.message_id} edited` };
        if (answer.errorCode === 429) return later(payload.method, answer);
        if (notModified.test(answer.description)) return { status: 'delivered', note: 'post already up to date' };
        if (editTargetGone.test(answer.description)) {
          const post = {
            remoteId: String(payload.fields.message_id),
            state: 'deleted' as const,
            data: { chatId: String(payload.fields.chat_id) },
          };
          return { status: 'skipped', reason: 'the Telegram post no longer exists (deleted by hand?)', post };
        }
        return telegramFailure(payload.method, answer);
      }
      // A kill takes down every copy: the recorded post and whatever lost attempts left.
      const swept = await sweep(payload.lost, ctx);
      if (swept.status === 'later') return swept.result;
      if (payload.action === 'sweep') {
        const data = swept.unresolved.length > 0 ? { unresolved: swept.unresolved } : {};
        const post = { remoteId: swept.deleted.at(-1) ?? '', state: 'deleted' as const, data };
        return { status: 'delivered', note: sweepNote(swept), post };
      }
      const result = await remove(payload.chatId, payload.messageId, payload.mode);
      if (result.status !== 'delivered' || !result.post) return result;
      const data = { ...result.post.data, ...(swept.unresolved.length > 0 ? { unresolved: swept.unresolved } : {}) };
      const note = payload.lost.length > 0 ? `${result.note ?? ''}; ${sweepNote(swept)}` : result.note;
      return { ...result, note, post: { ...result.post, data } };
    },
  };
}
