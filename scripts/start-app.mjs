// `npm run start:api` / `npm run start:ingestor`: build if sources changed, then run the app in this process.

import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuilt } from './build.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const app = process.argv[2];
if (!['api', 'ingestor'].includes(app)) {
  console.error(`start-app: unknown app "${app}"; expected api or ingestor`);
  process.exit(2);
}
await ensureBuilt();
process.setSourceMapsEnabled(true);
createRequire(import.meta.url)(path.join(root, 'dist', 'apps', app, 'src', 'main.js'));
