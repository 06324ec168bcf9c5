#!/usr/bin/env node
// Runs the compiled CLI (dist/cli.js, see scripts/bundle.mjs), rebuilding it first when a source
// changed since the last build (about a second), so a checkout never runs stale code.
import { pathToFileURL } from 'node:url';
import { bundlePath, ensureBundle } from '../scripts/bundle.mjs';

await ensureBundle();
const { runCli } = await import(pathToFileURL(bundlePath('cli')).href);
process.exitCode = await runCli(process.argv.slice(2));
