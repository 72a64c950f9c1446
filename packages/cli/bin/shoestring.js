#!/usr/bin/env node
// The CLI is TypeScript run through tsx, so a fork of this repo needs no build step before `npm start`.
import { register as registerCommonJs } from 'tsx/cjs/api';
import { register } from 'tsx/esm/api';

register();
// A config file outside a `"type": "module"` folder (SHOESTRING_CONFIG) loads as CommonJS: it needs tsx's hook too.
registerCommonJs();
const { main, reportError } = await import('../src/main.ts');
const debug = process.argv.includes('--debug') || Boolean(process.env.DEBUG);
const name = process.argv.slice(2).find((arg) => arg !== '--debug') ?? 'shoestring';
// An error outside main's await (a stray rejection or a throw in a callback) still prints without a stack, and
// exits as Node would have.
const late = (error) => process.exit(reportError(name, error, debug));
process.on('uncaughtException', late);
process.on('unhandledRejection', late);
process.exitCode = await main(process.argv.slice(2));
