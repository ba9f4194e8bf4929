export { CATALOGUE, type Diagnostic, type DiagnosticCode, type Severity, type Location } from './catalogue.js';
export { formatText, summarise, type LineSource } from './formatText.js';
export { formatSarif } from './formatSarif.js';
export { formatGithub } from './formatGithub.js';
