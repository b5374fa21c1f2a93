import { useRef, useState } from 'preact/hooks';
import { type Api, ApiError, describeError } from '../api';
import type { SessionDoc } from '../types';

/** The server asks for a TOTP code with an error naming the field, or a code mentioning TOTP. */
function asksForCode(error: unknown): boolean {
  return error instanceof ApiError && (/^(totp|code|otp)$/i.test(error.field ?? '') || /TOTP|2FA|TWO_FACTOR/i.test(error.code));
}

export function Login({ api, onSignedIn }: { api: Api; onSignedIn: (session: SessionDoc) => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [needsCode, setNeedsCode] = useState(false);
  const [error, setError] = useState('');
  const [isBusy, setIsBusy] = useState(false);
  const codeInput = useRef<HTMLInputElement>(null);

  async function submit(event: Event) {
    event.preventDefault();
    setIsBusy(true);
    setError('');
    try {
      const body: Record<string, string> = { email, password };
      if (needsCode) body['totp'] = code.replace(/\s+/g, '');
      const session = await api.request<SessionDoc>('POST', 'session', { body });
      onSignedIn(session);
    } catch (failure) {
      if (asksForCode(failure) && !needsCode) {
        setNeedsCode(true);
        setError('Enter the six-digit code from your authenticator app.');
        setTimeout(() => codeInput.current?.focus(), 0);
      } else if (failure instanceof ApiError && failure.status === 429) {
        setError(`Too many attempts. ${failure.message}`);
      } else {
        setError(describeError(failure));
      }
    } finally {
      setIsBusy(false);
    }
  }

  return (
    <section class="login">
      <h1>Sign in to the newsroom</h1>
      <form onSubmit={submit} aria-describedby={error ? 'login-error' : undefined}>
        <label>
          Email
          <input
            name="email"
            type="email"
            autoComplete="username"
            required
            value={email}
            onInput={(e) => setEmail(e.currentTarget.value)}
          />
        </label>
        <label>
          Password
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </label>
        {needsCode && (
          <label>
            Authenticator code
            <input
              ref={codeInput}
              name="totp"
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="[0-9 ]{6,8}"
              required
              value={code}
              onInput={(e) => setCode(e.currentTarget.value)}
            />
          </label>
        )}
        {error && (
          <p id="login-error" class="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" class="primary" disabled={isBusy}>
          {isBusy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </section>
  );
}
