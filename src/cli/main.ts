import { parseArgs } from 'node:util';
import { isLedeError } from '../core/errors.js';
import { loadConfig } from '../server/config.js';
import { runApiKey } from './commands/apikey.js';
import { runChannels } from './commands/channels.js';
import { runDemo } from './commands/demo.js';
import { runEval } from './commands/eval.js';
import { runIngest } from './commands/ingest.js';
import { runMigrate } from './commands/migrate.js';
import { runQuarantine } from './commands/quarantine.js';
import { runServe } from './commands/serve.js';
import { runSettings } from './commands/settings.js';
import { runSources } from './commands/sources.js';
import { runVerify } from './commands/verify.js';
import { runWebhooks } from './commands/webhooks.js';

const usage = `usage: lede <command> [options]

commands:
  serve [--workers N]                          run the site (and the scheduler)
  migrate                                      apply database migrations
  demo                                         load the demo content again
  ingest [--source NAME] [--dry-run] [--json] PATH…
                                               ingest wire files or folders
  sources list | set SLUG [options]            per-source rules, rights and transports
  settings list | get KEY | set KEY JSON       run-time settings (call-outs, feeds, channels…), validated
  quarantine list | replay [FILE…]             bad files with their reasons; retry them
  apikey add NAME | list | revoke NAME         content API keys (add prints the key once)
  channels [--json] | channels retry ID        push channels' delivery status; retry a failed delivery
  webhooks add URL --secret S | list | remove ID
                                               webhook subscribers (signed POSTs of each change)
  verify [--json]                              check every story against its versions and events
  eval related --dataset DIR [--json]          measure "Read also" on Reuters-21578 (precision@5/@10)
`;

type Command = (args: string[], config: () => ReturnType<typeof loadConfig>) => Promise<number>;
const commands: Record<string, Command> = {
  serve: runServe,
  migrate: runMigrate,
  demo: runDemo,
  ingest: runIngest,
  apikey: runApiKey,
  sources: runSources,
  settings: runSettings,
  quarantine: runQuarantine,
  channels: runChannels,
  webhooks: runWebhooks,
  verify: runVerify,
  eval: runEval,
};

async function main(argv: string[]): Promise<number> {
  const { positionals } = parseArgs({ args: argv.slice(0, 1), allowPositionals: true, strict: false });
  const name = positionals[0];
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(usage);
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`lede: unknown command "${name}"\n${usage}`);
    return 2;
  }
  return command(argv.slice(1), () => loadConfig());
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    if (isLedeError(error, 'LEDE_CONFIG_INVALID')) {
      // One line per bad key: its name, its value and the reason.
      for (const problem of error.message.split('\n')) process.stderr.write(`lede: config: ${problem}\n`);
      process.exit(78);
    }
    process.stderr.write(`lede: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
