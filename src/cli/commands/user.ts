import { parseArgs } from 'node:util';
import { systemClock } from '../../core/clock.js';
import { isLedeError } from '../../core/errors.js';
import { isUserRole, userRoles } from '../../core/roles.js';
import { createAccounts } from '../../newsroom/auth/accounts.js';
import type { Config } from '../../server/config.js';
import { openStore } from '../../store/open.js';

const userUsage = `usage: lede user add --email E --name N --role ${userRoles.join('|')} (password on stdin) | list\n`;
const tokenUsage = 'usage: lede token add --email E\n';

/** The first line of stdin: the password, typed or piped (`printf 'secret\\n' | lede user add …`). */
async function readPassword(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('password: ');
  let text = '';
  for await (const chunk of process.stdin) {
    text += chunk;
    if (text.includes('\n')) break;
  }
  return text.split(/\r?\n/)[0] ?? '';
}

async function withAccounts(
  config: () => Readonly<Config>,
  work: (accounts: ReturnType<typeof createAccounts>, store: Awaited<ReturnType<typeof openStore>>) => Promise<number>,
) {
  const store = await openStore({ url: config().databaseUrl });
  try {
    await store.migrate();
    return await work(createAccounts({ store, clock: systemClock }), store);
  } catch (error) {
    if (!isLedeError(error) || error.statusCode >= 500) throw error;
    process.stderr.write(`lede: ${error.message}\n`);
    return 1;
  } finally {
    await store.close();
  }
}

/** `lede user add --email E --name N --role R` reads the password from stdin; `lede user list`. */
export async function runUser(args: string[], config: () => Readonly<Config>): Promise<number> {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: { email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' } },
  });
  const [action, ...rest] = positionals;
  if (action === 'list' && rest.length === 0) {
    return withAccounts(config, async (_accounts, store) => {
      for (const user of await store.accounts.listUsers()) process.stdout.write(`${user.email}\t${user.name}\t${user.role}\n`);
      return 0;
    });
  }
  if (action !== 'add' || rest.length > 0 || !values.email || !values.name || !values.role) {
    process.stderr.write(userUsage);
    return 2;
  }
  const role = values.role;
  if (!isUserRole(role)) {
    process.stderr.write(`lede user: --role "${role}" is not a role (expected ${userRoles.join(', ')})\n`);
    return 2;
  }
  const password = await readPassword();
  return withAccounts(config, async (accounts) => {
    const user = await accounts.addUser({ email: values.email!, name: values.name!, role, password });
    process.stderr.write(`lede user: ${user.role} ${user.email} added\n`);
    return 0;
  });
}

/** `lede token add --email E` prints a new API token once on stdout; only its hash is stored. */
export async function runToken(args: string[], config: () => Readonly<Config>): Promise<number> {
  const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { email: { type: 'string' } } });
  if (positionals.length !== 1 || positionals[0] !== 'add' || !values.email) {
    process.stderr.write(tokenUsage);
    return 2;
  }
  return withAccounts(config, async (accounts) => {
    const { token, user } = await accounts.addToken(values.email!);
    process.stdout.write(`${token}\n`);
    process.stderr.write(`lede token: token for ${user.email} created; it is shown only this once\n`);
    return 0;
  });
}
