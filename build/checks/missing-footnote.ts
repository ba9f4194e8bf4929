import { reportParsed, type Check } from './context.js';

/** A `[^name]` call with no `[^name]:` text: micromark leaves it as literal text, so the inline reader finds it. */
export const missingFootnote: Check = {
  code: 'missing-footnote',
  run(ctx) {
    reportParsed(ctx, 'missing-footnote');
  },
};
