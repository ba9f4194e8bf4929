import { contains, firstDate, type Check } from './context.js';

/** Two homes of one term, in force together, that say different things: a reader cannot tell which applies. */
export const conflictingDefinition: Check = {
  code: 'conflicting-definition',
  definitionsOnly: true,
  run(ctx) {
    for (const [term, homes] of ctx.corpus.definitions) {
      for (let i = 1; i < homes.length; i++) {
        for (let j = 0; j < i; j++) {
          const [a, b] = [homes[j]!, homes[i]!];
          if (a.record.text === b.record.text) continue;
          const day = firstDate(ctx.dates, (d) => contains(a.inForce, d) && contains(b.inForce, d));
          if (!day) continue;
          ctx.report({
            code: 'conflicting-definition',
            file: b.file,
            offset: b.record.offset,
            date: day,
            message: `"${term}" is defined differently in ${b.home} and ${a.home}, both in force on ${day}`,
            related: [{ file: a.file, offset: a.record.offset, message: `the ${a.home} definition` }],
          });
        }
      }
    }
  },
};
