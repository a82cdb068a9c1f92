#!/usr/bin/env node
import { access, readFile } from 'node:fs/promises';
import { runVerifyCli } from '../verify-cli.js';

const code = await runVerifyCli(process.argv.slice(2), {
  readFile: (p) => readFile(p, 'utf8'),
  exists: (p) =>
    access(p).then(
      () => true,
      () => false,
    ),
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
});
process.exitCode = code;
