import { reportParsed, type Check } from './context.js';

/** A source path that leads outside the content root (a symlink, a `previous:` folder): it is not read. */
export const unsafePath: Check = {
  code: 'unsafe-path',
  run(ctx) {
    reportParsed(ctx, 'unsafe-path');
    for (const p of ctx.corpus.history.problems) if (p.code === 'unsafe-path') ctx.report(p);
  },
};
