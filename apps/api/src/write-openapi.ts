/**
 * Writes the OpenAPI document generated from the route schemas to apps/api/openapi.json (run by `npm run build`),
 * for the web app and API clients. Builds the app with every module in-process; nothing connects to a database.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildApp } from './app.ts';
import { MODULE_SPECS } from './module-specs.ts';
import { loadConfig } from './platform/config.ts';
import { createPool } from './platform/db.ts';
import { API_ROOT } from './platform/migrations.ts';

const config = loadConfig(
  { DATABASE_URL: 'postgres://openapi@127.0.0.1:1/openapi', LOG_LEVEL: 'warn' },
  MODULE_SPECS,
);
const pool = createPool(config.database);
const app = await buildApp({ config, pool });
await app.ready();
const file = path.join(API_ROOT, 'openapi.json');
writeFileSync(file, `${JSON.stringify(app.swagger(), null, 2)}\n`);
await app.close();
await pool.end();
process.stdout.write(`wrote ${file}\n`);
