/** The output formats, by name: what help texts and option checks list without loading a renderer. */
export const FORMATS: readonly string[] = ['docx', 'pdf'];

/** The workbook of a document's device matrix: written by build and redline beside the renderers' formats. */
export const WORKBOOK = 'xlsx';

/** What `--format` accepts, and its default: every renderer's format and the workbook. */
export const OUTPUT_FORMATS: readonly string[] = [...FORMATS, WORKBOOK];
