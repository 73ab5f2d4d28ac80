#!/usr/bin/env node
// The operator cli's entry point once `npm run build` has produced dist/.
const path = require('node:path');
const main = path.join(__dirname, '..', 'dist', 'apps', 'cli', 'src', 'main.js');
try {
  require.resolve(main);
} catch {
  console.error(
    'policy-ledger: dist/ is missing; run `npm run build` first (or use `npm run -s cli -- <command>`).',
  );
  process.exit(2);
}
require(main);
