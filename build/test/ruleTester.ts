/** A valid/invalid table runner for checks, in the manner of ESLint's RuleTester: each case is a small content root. */
import { mkdtemp, mkdir, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../pipeline.js';
import { runChecks } from '../checks/index.js';
import type { Check } from '../checks/context.js';
import type { Diagnostic } from '../diagnostics/catalogue.js';
import type { IsoDate } from '../model/dates.js';

export type Files = Record<string, string | Uint8Array>;

const roots: string[] = [];

export async function writeRoot(files: Files): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'regmark-test-'));
  roots.push(root);
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), content);
  }
  return root;
}

export async function cleanRoots(): Promise<void> {
  await Promise.all(roots.splice(0).map((r) => rm(r, { recursive: true, force: true })));
}

export async function diagnose(files: Files, asAt = '2025-06-01', only?: Check[]): Promise<Diagnostic[]> {
  // As `regmark check` loads it: the as-at date places undated drafts and decides which earlier versions still apply.
  const corpus = await loadCorpus(await writeRoot(files), { workers: 0, asAt: asAt as IsoDate });
  return runChecks(corpus, asAt as IsoDate, only);
}

/** Manifest text for one version of a document: its number, status, and where it sits in its chain. */
export function versionManifest(id: string, v: { version: string; status?: string; from?: string; until?: string; effective?: string; effectiveBy?: string; previous?: string; accepted?: string }): string {
  const inForce = v.from || v.until ? `in-force:\n${v.from ? `  from: ${v.from}\n` : ''}${v.until ? `  until: ${v.until}\n` : ''}` : '';
  const keys = [v.effective && `effective: ${v.effective}`, v.effectiveBy && `effective-by: ${v.effectiveBy}`, v.previous && `previous: ${v.previous}`].filter(Boolean).map((l) => `${l}\n`).join('');
  return `---\nid: ${id}\ntitle: Document ${id}\nshort-title: Doc ${id}\nreference: SEC Appendix ${id}\nversion: "${v.version}"\nstatus: ${v.status ?? 'designated'}\n${inForce}${keys}${v.accepted ?? ''}---\n`;
}

/** Manifest text for a document with optional bounds. */
export function manifest(id: string, extra: { from?: string; until?: string; shortTitle?: string } = {}): string {
  const inForce = extra.from || extra.until ? `in-force:\n${extra.from ? `  from: ${extra.from}\n` : ''}${extra.until ? `  until: ${extra.until}\n` : ''}` : '';
  return `---\nid: ${id}\ntitle: Document ${id}\nshort-title: ${extra.shortTitle ?? `Doc ${id}`}\nreference: SEC Appendix ${id}\nversion: "1.0"\nstatus: designated\n${inForce}---\n`;
}

export function definitions(doc: string, body: string): string {
  return `---\ndocument: ${doc}\n---\n${body}`;
}

export interface Expected {
  file: string;
  line: number;
  column: number;
  date?: string;
  message?: RegExp;
  related?: Array<{ file: string; line: number }>;
  /** For text of an earlier version: where it was read from, and its number. */
  ref?: string;
  version?: string;
}

export interface Table {
  valid: Array<{ name: string; files: Files; asAt?: string }>;
  invalid: Array<{ name: string; files: Files; asAt?: string; errors: Expected[] }>;
}

export function ruleTester(check: Check, table: Table): void {
  describe(check.code, () => {
    afterAll(cleanRoots);
    for (const c of table.valid) {
      it(`valid: ${c.name}`, async () => {
        const found = await diagnose(c.files, c.asAt, [check]);
        expect(found).toEqual([]);
      });
    }
    for (const c of table.invalid) {
      it(`invalid: ${c.name}`, async () => {
        const found = await diagnose(c.files, c.asAt, [check]);
        expect(found.map((d) => `${d.file}:${d.line}:${d.column}`)).toEqual(c.errors.map((e) => `${e.file}:${e.line}:${e.column}`));
        c.errors.forEach((e, i) => {
          const d = found[i]!;
          expect(d.code).toBe(check.code);
          if (e.date !== undefined) expect(d.date).toBe(e.date);
          if (e.message) expect(d.message).toMatch(e.message);
          if (e.ref !== undefined) expect(d.ref).toBe(e.ref);
          if (e.version !== undefined) expect(d.version).toBe(e.version);
          if (e.related) expect(d.related?.map((r) => ({ file: r.file, line: r.line }))).toEqual(e.related);
        });
      });
    }
  });
}
