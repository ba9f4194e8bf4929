import type { Check } from './context.js';

/** A `previous` chain that cannot be followed: no such commit or folder, a loop, a version out of order. */
export const invalidPrevious: Check = {
  code: 'invalid-previous',
  run(ctx) {
    for (const p of ctx.corpus.history.problems) if (p.code === 'invalid-previous') ctx.report(p);
  },
};
