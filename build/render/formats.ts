/** The output formats, by name: what help texts and option checks list without loading a renderer. */
export const FORMATS: readonly string[] = ['docx', 'pdf'];
