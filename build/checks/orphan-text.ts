import { reportParsed, type Check } from './context.js';

/** Text above a clause file's first section heading: found while structuring the file, since only then is "first" known. */
export const orphanText: Check = {
  code: 'orphan-text',
  run(ctx) {
    reportParsed(ctx, 'orphan-text');
  },
};
