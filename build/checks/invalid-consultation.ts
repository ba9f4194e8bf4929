import { readConsultation } from '../bind/papers.js';
import type { Check } from './context.js';

/** A consultation manifest's own keys: dates, closing time, annexes, where responses go. */
export const invalidConsultation: Check = {
  code: 'invalid-consultation',
  run(ctx) {
    for (const [id, { path }] of ctx.corpus.consultations) {
      readConsultation(ctx.corpus, id, { add: (code, offset, message) => ctx.report({ code, file: path, offset, message }) });
    }
  },
};
