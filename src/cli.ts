#!/usr/bin/env node
// The `shortcut-sim` executable: see main.ts.
import { main, watchProcessOutputs } from './main.js';

watchProcessOutputs(); // `| head` and `| true` end the command quietly instead of crashing on EPIPE
process.exitCode = await main(process.argv.slice(2));
