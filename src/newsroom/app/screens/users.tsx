import { useEffect, useState } from 'preact/hooks';
import { describeError } from '../api';
import { useNewsroom } from '../context';
import { pageOf } from '../format';
import { StatusMessages } from '../status-messages';
import { TableHead } from '../table-head';
import type { Role, UserDoc } from '../types';

const roles: Role[] = ['writer', 'editor', 'admin'];

/** Admins: the newsroom's accounts, and adding one. */
export function Users() {
  const { api } = useNewsroom();
  const [users, setUsers] = useState<UserDoc[]>([]);
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const [form, setForm] = useState({ email: '', name: '', role: 'writer' as Role, password: '' });

  const load = () =>
    api
      .get<unknown>('users')
      .then((data) => setUsers(pageOf<UserDoc>(data, 'users').items))
      .catch((failure) => setError(describeError(failure)));
  useEffect(() => {
    void load();
  }, []);

  async function resetPassword(target: UserDoc) {
    const password = prompt(`New password for ${target.email} (at least 12 characters). Their sessions end.`);
    if (!password) return;
    setError('');
    setNotice('');
    try {
      await api.post(`users/${encodeURIComponent(target.id)}/password`, { password });
      setNotice(`The password of ${target.email} was reset.`);
    } catch (failure) {
      setError(describeError(failure));
    }
  }

  async function add(event: Event) {
    event.preventDefault();
    setError('');
    setNotice('');
    try {
      await api.post('users', form);
      setNotice(`Added ${form.email}.`);
      setForm({ email: '', name: '', role: 'writer', password: '' });
      await load();
    } catch (failure) {
      setError(describeError(failure));
    }
  }

  return (
    <section class="users">
      <h1>Users</h1>
      <table>
        <TableHead columns={['Name', 'Email', 'Role', 'Two-factor']} actions />
        <tbody>
          {users.map((u) => (
            <tr key={u.id}>
              <td>{u.name}</td>
              <td>{u.email}</td>
              <td>{u.role}</td>
              <td>{u.totp_enabled ? 'on' : 'off'}</td>
              <td>
                <button type="button" class="link" onClick={() => resetPassword(u)}>
                  Reset password
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Add a user</h2>
      <form class="add-user" onSubmit={add}>
        <label>
          Name
          <input name="name" required value={form.name} onInput={(e) => setForm({ ...form, name: e.currentTarget.value })} />
        </label>
        <label>
          Email
          <input
            name="email"
            type="email"
            required
            value={form.email}
            onInput={(e) => setForm({ ...form, email: e.currentTarget.value })}
          />
        </label>
        <label>
          Role
          <select name="role" value={form.role} onChange={(e) => setForm({ ...form, role: e.currentTarget.value as Role })}>
            {roles.map((role) => (
              <option key={role} value={role}>
                {role}
              </option>
            ))}
          </select>
        </label>
        <label>
          Initial password
          <input
            name="password"
            type="password"
            autoComplete="new-password"
            required
            minLength={12}
            value={form.password}
            onInput={(e) => setForm({ ...form, password: e.currentTarget.value })}
          />
        </label>
        <StatusMessages error={error} notice={notice} />
        <button type="submit" class="primary">
          Add user
        </button>
      </form>
    </section>
  );
}
