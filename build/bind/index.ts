export { bindDocuments } from './bindDocuments.js';
export { bindProvisions } from './bindProvisions.js';
export { bindDefinitions, termForms } from './bindDefinitions.js';
export { resolveReferences } from './resolveReferences.js';
export { findTermUses, collectUses, buildTermTrie, buildFingerprintedTrie, trieOfHomes, scanFile, type FileUses, type TermUseStore } from './findTermUses.js';
export { TermTrie } from './termTrie.js';
