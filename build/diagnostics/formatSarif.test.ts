/**
 * SARIF read by Microsoft's SARIF multitool with GitHub code scanning's rules (`validate --rule-kind Gh`), the
 * checks code scanning applies to an upload: every rule needs a full description and help.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGUE, CODES, type Diagnostic } from './catalogue.js';
import { formatSarif } from './formatSarif.js';

const MULTITOOL = join(import.meta.dirname, '../../node_modules/.bin/sarif-multitool');

const sample: Diagnostic[] = [
  { code: 'dangling-definition', severity: 'error', file: 'clauses/AM/13.md', line: 4, column: 9, message: 'uses "GroupID", defined only in AL', date: '2026-01-01', related: [{ file: 'definitions/AL.md', line: 12, column: 1, message: 'the home' }] },
  { code: 'unused-definition', severity: 'warning', file: 'definitions/AM.md', line: 7, column: 1, message: 'no in-force text uses "Group"' },
  { code: 'expired-reference', severity: 'error', file: 'clauses/AM/13.md', line: 9, column: 3, ref: 'v16', version: '16.0', message: 'an earlier version cites AL 7.2', accepted: { reason: 'designation may slip', until: '2026-01-11', file: 'documents/AM.md', line: 20, about: 'reference AL 7.2' } },
];

describe('formatSarif', () => {
  it('describes every catalogue code as a rule with a full description and help', () => {
    const log = JSON.parse(formatSarif([], '1.2.3'));
    const rules = log.runs[0].tool.driver.rules as Array<{ id: string; fullDescription: { text: string }; help: { text: string }; helpUri: string }>;
    expect(rules.map((r) => r.id)).toEqual(CODES);
    for (const r of rules) {
      expect(r.fullDescription.text).toBe(CATALOGUE[r.id as keyof typeof CATALOGUE].help);
      expect(r.help.text.length).toBeGreaterThan(40);
      expect(r.helpUri).toMatch(new RegExp(`docs/diagnostics\\.md#${r.id}$`));
    }
  });

  it('passes the SARIF multitool with GitHub code scanning rules', () => {
    const dir = mkdtempSync(join(tmpdir(), 'regmark-sarif-'));
    const input = join(dir, 'check.sarif');
    const output = join(dir, 'validation.sarif');
    writeFileSync(input, formatSarif(sample, '1.2.3'));
    const run = spawnSync(MULTITOOL, ['validate', '--rule-kind', 'Gh', '--output', output, input], { encoding: 'utf8', env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1' } });
    expect(run.error, 'the multitool (npm @microsoft/sarif-multitool) must run').toBeUndefined();
    expect(run.status, run.stdout + run.stderr).toBe(0);
    const validation = JSON.parse(readFileSync(output, 'utf8'));
    const findings = (validation.runs[0].results ?? []) as Array<{ ruleId: string; level?: string; message: { text?: string; arguments?: string[] } }>;
    const serious = findings.filter((f) => f.level === undefined || f.level === 'error' || f.level === 'warning');
    expect(serious.map((f) => `${f.ruleId}: ${f.message.text ?? f.message.arguments?.join(' ')}`)).toEqual([]);
  });

  it('the multitool does find the problems a log without help has (the check is not vacuous)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'regmark-sarif-'));
    const input = join(dir, 'bare.sarif');
    const output = join(dir, 'validation.sarif');
    const log = JSON.parse(formatSarif(sample, '1.2.3'));
    for (const rule of log.runs[0].tool.driver.rules) delete rule.help;
    writeFileSync(input, JSON.stringify(log));
    spawnSync(MULTITOOL, ['validate', '--rule-kind', 'Gh', '--output', output, input], { encoding: 'utf8', env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1' } });
    const validation = JSON.parse(readFileSync(output, 'utf8'));
    expect((validation.runs[0].results ?? []).length).toBeGreaterThanOrEqual(CODES.length);
  });
});
