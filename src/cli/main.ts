import { parseArgs } from 'node:util';
import { isLedeError } from '../core/errors.js';
import { loadConfig } from '../server/config.js';

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
  eval recommend --dataset DIR [--json] [--predictions FILE]
                                               measure "Recommended for you" on a MIND-format click log
  export impressions --format mind DIR         recommendation impressions and clicks as MIND behaviors.tsv + news.tsv
  user add --email E --name N --role R | list  newsroom users (add reads the password from stdin)
  token add --email E                          a newsroom API token for the user (printed once)
  eval related --dataset DIR [--json]          measure "Read also" on Reuters-21578 (precision@5/@10)
`;

type Command = (args: string[], config: () => ReturnType<typeof loadConfig>) => Promise<number>;
// Loaded on use: each command pulls in only its own layers, so a short command (ingest one
// file, settings get) does not pay for loading the server, every channel and every parser.
const commands: Record<string, () => Promise<Command>> = {
  serve: async () => (await import('./commands/serve.js')).runServe,
  migrate: async () => (await import('./commands/migrate.js')).runMigrate,
  demo: async () => (await import('./commands/demo.js')).runDemo,
  ingest: async () => (await import('./commands/ingest.js')).runIngest,
  apikey: async () => (await import('./commands/apikey.js')).runApiKey,
  sources: async () => (await import('./commands/sources.js')).runSources,
  settings: async () => (await import('./commands/settings.js')).runSettings,
  quarantine: async () => (await import('./commands/quarantine.js')).runQuarantine,
  channels: async () => (await import('./commands/channels.js')).runChannels,
  webhooks: async () => (await import('./commands/webhooks.js')).runWebhooks,
  verify: async () => (await import('./commands/verify.js')).runVerify,
  eval: async () => (await import('./commands/eval.js')).runEval,
  export: async () => (await import('./commands/export.js')).runExport,
  user: async () => (await import('./commands/user.js')).runUser,
  token: async () => (await import('./commands/user.js')).runToken,
};

async function main(argv: string[]): Promise<number> {
  const { positionals } = parseArgs({ args: argv.slice(0, 1), allowPositionals: true, strict: false });
  const name = positionals[0];
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(usage);
    return name ? 0 : 2;
  }
  const load = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!load) {
    process.stderr.write(`lede: unknown command "${name}"\n${usage}`);
    return 2;
  }
  const command = await load();
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
