import { useState } from 'preact/hooks';
import { describeError } from '../api';
import { useNewsroom } from '../context';
import { StatusMessages } from '../status-messages';

/**
 * The signed-in user's two-factor sign-in (TOTP): set up with an authenticator app (the secret
 * to type in, or the otpauth: link to open), confirm with a first code; turn off with a code.
 */
export function Account({ isRequired }: { isRequired?: boolean }) {
  const { api, user, refreshUser } = useNewsroom();
  const [setup, setSetup] = useState<{ secret: string; otpauth_uri: string } | undefined>(undefined);
  const [code, setCode] = useState('');
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');

  async function begin() {
    setError('');
    try {
      setSetup(await api.post<{ secret: string; otpauth_uri: string }>('session/totp'));
    } catch (failure) {
      setError(describeError(failure));
    }
  }

  async function confirm(event: Event, isEnabled: boolean) {
    event.preventDefault();
    setError('');
    try {
      await api.post(`session/totp/${isEnabled ? 'enable' : 'disable'}`, { code: code.replace(/\s+/g, '') });
      setSetup(undefined);
      setCode('');
      setNotice(isEnabled ? 'Two-factor sign-in is on.' : 'Two-factor sign-in is off.');
      await refreshUser();
    } catch (failure) {
      setError(describeError(failure));
    }
  }

  const codeField = (
    <label>
      Code from the app
      <input
        name="code"
        inputMode="numeric"
        autoComplete="one-time-code"
        required
        value={code}
        onInput={(e) => setCode(e.currentTarget.value)}
      />
    </label>
  );

  return (
    <section class="account">
      <h1>Your account</h1>
      <p>
        {user.name} · {user.email} · <span class="role">{user.role}</span>
      </p>
      {isRequired && !user.totp_enabled && (
        <p class="conflict" role="alert">
          Admins must turn on two-factor sign-in before anything else.
        </p>
      )}
      <h2>Two-factor sign-in</h2>
      <p>{user.totp_enabled ? 'On: signing in asks for a code from your authenticator app.' : 'Off.'}</p>
      {!user.totp_enabled && !setup && (
        <button type="button" class="primary" onClick={begin}>
          Set up two-factor sign-in
        </button>
      )}
      {setup && (
        <form class="stack" onSubmit={(event) => confirm(event, true)}>
          <p>
            Add this key to your authenticator app (or <a href={setup.otpauth_uri}>open it in the app</a>), then enter the code it shows.
          </p>
          <p>
            <code class="secret">{setup.secret}</code>
          </p>
          {codeField}
          <button type="submit" class="primary">
            Turn on
          </button>
        </form>
      )}
      {user.totp_enabled && (
        <form class="stack" onSubmit={(event) => confirm(event, false)}>
          {codeField}
          <button type="submit">Turn off</button>
        </form>
      )}
      <StatusMessages error={error} notice={notice} />
    </section>
  );
}
