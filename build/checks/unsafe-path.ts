import type { Check } from './context.js';

/** A source path that leads outside the content root (or its repository): it is not read. */
export const unsafePath: Check = {
  code: 'unsafe-path',
  run(ctx) {
    for (const p of ctx.corpus.history.problems) if (p.code === 'unsafe-path') ctx.report(p);
  },
};
