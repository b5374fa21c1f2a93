// Preloaded with `node --require` (NODE_OPTIONS) by tests that check what a command loads: at
// exit, writes the path of every CommonJS module the process loaded (packages imported from
// ESM included) to the file named by LOADED_MODULES_FILE.
const { writeFileSync } = require('node:fs');

process.on('exit', () => {
  if (process.env.LOADED_MODULES_FILE) writeFileSync(process.env.LOADED_MODULES_FILE, Object.keys(require.cache).join('\n'));
});
