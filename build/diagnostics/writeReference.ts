/** `npm run docs`: rewrites docs/diagnostics.md from the catalogue. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { diagnosticsReference } from './reference.js';

const target = join(import.meta.dirname, '../../docs/diagnostics.md');
writeFileSync(target, diagnosticsReference());
process.stdout.write(`wrote ${target}\n`);
