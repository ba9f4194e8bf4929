import type { Check } from './context.js';
import { deviceKey } from '../parse/matrix.js';
import { matrixRowName } from '../bind/matrixUsers.js';

/** One device model listed twice in a matrix: its variations would be read from two rows that may disagree. */
export const duplicateDevice: Check = {
  code: 'duplicate-device',
  run(ctx) {
    for (const file of ctx.corpus.files) {
      if (!file.matrix) continue;
      const first = new Map<string, number>();
      for (const row of file.matrix.rows) {
        const key = deviceKey(file.matrix, row);
        const seen = first.get(key);
        if (seen === undefined) {
          first.set(key, row.offset);
          continue;
        }
        ctx.report({
          code: 'duplicate-device',
          file: file.path,
          offset: row.offset,
          message: `${matrixRowName(file.doc, file.matrix, row)} is already listed; give each device model (manufacturer, device type, model, firmware) one row and list all its variations there`,
          related: [{ file: file.path, offset: seen, message: 'first listed here' }],
        });
      }
    }
  },
};
