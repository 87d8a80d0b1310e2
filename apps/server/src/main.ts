#!/usr/bin/env node
// First: it makes loading modules cheaper (resolution shortcut, compile cache) for everything imported after it.
import './lib/module-resolution.ts';
import { runCli } from './cli/run.ts';

// `start` keeps serving after runCli returns; a failed command ends at once, whatever it left open.
const code = await runCli(process.argv.slice(2));
if (code !== 0) process.exit(code);
