import { reportParsed, type Check } from './context.js';

/** Files regmark cannot read as UTF-8 Markdown: too large, undecodable, or nested beyond what the parser takes. */
export const unreadableFile: Check = {
  code: 'unreadable-file',
  run(ctx) {
    reportParsed(ctx, 'unreadable-file');
  },
};
