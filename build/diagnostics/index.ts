export { CATALOGUE, type Diagnostic, type DiagnosticCode, type Severity, type Location } from './catalogue.js';
export { fails, formatText, summarise, where, type LineSource } from './formatText.js';
export { formatSarif } from './formatSarif.js';
export { formatGithub } from './formatGithub.js';
