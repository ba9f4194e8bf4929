/**
 * Benchmark of `regmark pack`, end to end in process (load, check, baseline, paper, annex models, clean and redline
 * renders, manifest, zip): the example consultation, and a consultation with three S-size annexes made from the
 * generated S corpus (its one document AK copied as AX, AY and AZ; the baseline is the same text with one word
 * changed in the first clause file of each, so every redline has a change to draw).
 *
 *   node dist/bench/packBench.js
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildPack } from '../commands/pack.js';
import { BENCH_AS_AT, generateCorpus } from './generateCorpus.js';

export interface PackBenchResult {
  example: { seconds: number; files: number; bytes: number };
  threeS: { seconds: number; files: number; bytes: number; sourceBytes: number };
  targets: { example: number; threeS: number };
}

const SOURCE_DATE = new Date('2025-10-17T09:00:00Z');

function walk(dir: string, out: string[] = [], rel = ''): string[] {
  for (const e of readdirSync(join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) walk(dir, out, r);
    else out.push(r);
  }
  return out;
}

/** A content root holding AK of the S corpus three times, as AX, AY and AZ, with a consultation over them. */
export function threeAnnexRoot(work: string): { root: string; bytes: number } {
  const s = generateCorpus('S', join(work, 'corpus-S'));
  const root = join(work, 'three');
  const base = join(root, 'baseline');
  let bytes = 0;
  for (const code of ['AX', 'AY', 'AZ']) {
    for (const file of walk(s.root)) {
      if (!/^(documents|clauses|definitions)\//.test(file)) continue;
      const text = readFileSync(join(s.root, file), 'utf8').replace(/\bAK\b/g, code);
      const target = file.replace(/\bAK\b/g, code);
      for (const [dir, body] of [
        [root, text],
        [base, text.replace(/\bshall\b/, 'must').replace(/version: "([0-9.]+)"/, 'version: "6.0"')],
      ] as const) {
        mkdirSync(join(dir, target, '..'), { recursive: true });
        writeFileSync(join(dir, target), body);
      }
      bytes += Buffer.byteLength(text);
    }
  }
  writeFileSync(
    join(root, 'documents', 'CON-BENCH.md'),
    `---\nkind: consultation\nid: CON-BENCH\ntitle: Benchmark Consultation\nversion: "1.0"\ndate: ${BENCH_AS_AT}\ncloses: 2026-02-13T17:00\nauthor: DCC Regulation\nrespond-to: consultations@example.org\nbaseline: baseline\nannexes: [AX, AY, AZ]\n---\n# Summary\n\nThis paper consults on three appendices.\n\n### Question\n\nDo you agree?\n\nTable: Changes to the first appendix\n\n::changes{doc=AX}\n`,
  );
  return { root, bytes };
}

export async function benchPack(options: { log?: (line: string) => void } = {}): Promise<PackBenchResult> {
  const log = options.log ?? (() => {});
  const repo = resolve(import.meta.dirname, '../..');
  const work = mkdtempSync(join(tmpdir(), 'regmark-pack-bench-'));
  try {
    let t = performance.now();
    const example = await buildPack({ root: repo, id: 'CON-2025-10-RETENTION', outDir: join(work, 'out-example'), zip: true, sourceDate: SOURCE_DATE });
    const exampleSeconds = (performance.now() - t) / 1000;
    log(`example pack: ${exampleSeconds.toFixed(2)} s, ${example.files.length} files`);
    const { root, bytes } = threeAnnexRoot(work);
    t = performance.now();
    const three = await buildPack({ root, id: 'CON-BENCH', outDir: join(work, 'out-three'), zip: true, force: true, sourceDate: SOURCE_DATE });
    const threeSeconds = (performance.now() - t) / 1000;
    if (three.refused) throw new Error(`three-S pack refused: ${three.paper.map((d) => d.message).join('; ')}`);
    log(`three-S pack: ${threeSeconds.toFixed(2)} s, ${three.files.length} files (${(bytes / 1024).toFixed(0)} kB of Markdown)`);
    log(`  phases (ms): ${Object.entries(three.timings).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ')}`);
    const sum = (files: typeof example.files) => files.filter((f) => f.kind !== 'zip').reduce((n, f) => n + f.bytes, 0);
    return {
      example: { seconds: exampleSeconds, files: example.files.length, bytes: sum(example.files) },
      threeS: { seconds: threeSeconds, files: three.files.length, bytes: sum(three.files), sourceBytes: bytes },
      targets: { example: 5, threeS: 10 },
    };
  } finally {
    if (existsSync(work)) rmSync(work, { recursive: true, force: true });
  }
}

export function formatPackBench(r: PackBenchResult): string {
  const row = (name: string, x: { seconds: number; files: number; bytes: number }, target: number) =>
    `${name.padEnd(14)} ${x.seconds.toFixed(2).padStart(6)} s  (target < ${target} s: ${x.seconds < target ? 'met' : 'MISSED'})  ${x.files} files, ${(x.bytes / 1024 / 1024).toFixed(2)} MB`;
  return ['regmark pack benchmark (in process, end to end)', row('example pack', r.example, r.targets.example), row('three-S pack', r.threeS, r.targets.threeS)].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const result = await benchPack({ log: (l) => console.error(l) });
  console.log(formatPackBench(result));
  void cpSync;
}
