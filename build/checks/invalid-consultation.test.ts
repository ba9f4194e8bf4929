import { ruleTester, manifest } from '../test/ruleTester.js';
import { invalidConsultation } from './invalid-consultation.js';

const head = (keys: string) => `---\nkind: consultation\nid: CON-T\ntitle: A test consultation\n${keys}---\n# Summary\n\nText.\n`;

ruleTester(invalidConsultation, {
  valid: [
    {
      name: 'dates, closing time, annexes and a response address',
      files: { 'documents/AM.md': manifest('AM'), 'documents/CON-T.md': head('date: 2025-03-01\ncloses: 2025-04-01T17:00\nannexes: [AM]\nrespond-to: answers@example.org\n') },
    },
  ],
  invalid: [
    {
      name: 'no date, a closing time that is not one, an unknown annex, no response address',
      files: { 'documents/AM.md': manifest('AM'), 'documents/CON-T.md': head('closes: 2025-04-01T25:00\nannexes: [AM, ZZ]\n') },
      errors: [
        { file: 'documents/CON-T.md', line: 2, column: 1, message: /needs `date: YYYY-MM-DD`/ },
        { file: 'documents/CON-T.md', line: 2, column: 1, message: /needs `respond-to:`/ },
        { file: 'documents/CON-T.md', line: 5, column: 1, message: /`closes: 2025-04-01T25:00`: 25:00 is not a time of day/ },
        { file: 'documents/CON-T.md', line: 6, column: 1, message: /annex `ZZ` is not a document/ },
      ],
    },
    {
      name: 'a closing day the calendar does not have, and a closing date of the wrong form',
      files: {
        'documents/AM.md': manifest('AM'),
        'documents/CON-T.md': head('date: 2025-03-01\ncloses: 2025-11-31T17:00\nrespond-to: answers@example.org\n'),
        'documents/CON-U.md': head('date: 2025-03-01\ncloses: 31/11/2025\nrespond-to: answers@example.org\n').replace('CON-T', 'CON-U'),
      },
      errors: [
        { file: 'documents/CON-T.md', line: 6, column: 1, message: /^`closes: 2025-11-31T17:00`: 2025-11-31 is not a day of the calendar$/ },
        { file: 'documents/CON-U.md', line: 6, column: 1, message: /`closes: 31\/11\/2025` must be YYYY-MM-DD or YYYY-MM-DDTHH:MM/ },
      ],
    },
  ],
});
