import { reportParsed, type Check } from './context.js';

/** A device matrix the reader could not take as written: its header, a row's cell count, quoting, or a clause list. */
export const invalidMatrix: Check = {
  code: 'invalid-matrix',
  run(ctx) {
    reportParsed(ctx, 'invalid-matrix');
  },
};
