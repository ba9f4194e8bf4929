/**
 * The one date written into every output file (DOCX core properties and zip entries, PDF CreationDate, ModDate and
 * /ID): SOURCE_DATE_EPOCH when set (reproducible-builds.org), else the date of the last commit touching the
 * content, else a fixed epoch. Never the clock, so two builds of the same sources are byte-identical.
 */
import { InputError } from '../../diagnostics/catalogue.js';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** 2000-01-01T00:00:00Z: used when there is neither SOURCE_DATE_EPOCH nor git history. */
export const FIXED_EPOCH = 946684800;

export class SourceDateError extends InputError {}

export interface SourceDate {
  date: Date;
  from: 'SOURCE_DATE_EPOCH' | 'git' | 'fixed';
}

const INPUTS = ['documents', 'clauses', 'definitions', 'templates'];

export function resolveSourceDate(root: string, env: NodeJS.ProcessEnv = process.env): SourceDate {
  const fromEnv = env.SOURCE_DATE_EPOCH;
  if (fromEnv !== undefined && fromEnv !== '') {
    if (!/^\d{1,12}$/.test(fromEnv.trim())) throw new SourceDateError(`SOURCE_DATE_EPOCH=${fromEnv}: expected whole seconds since 1970-01-01`);
    return { date: new Date(Number(fromEnv.trim()) * 1000), from: 'SOURCE_DATE_EPOCH' };
  }
  const inputs = INPUTS.filter((d) => existsSync(join(root, d)));
  try {
    const out = execFileSync('git', ['log', '-1', '--format=%ct', '--', ...inputs], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 10_000 }).trim();
    if (/^\d+$/.test(out)) return { date: new Date(Number(out) * 1000), from: 'git' };
  } catch {
    // Not a git checkout, or git is missing: fall through to the fixed epoch.
  }
  return { date: new Date(FIXED_EPOCH * 1000), from: 'fixed' };
}
