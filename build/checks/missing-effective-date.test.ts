import { ruleTester, versionManifest } from '../test/ruleTester.js';
import { missingEffectiveDate } from './missing-effective-date.js';

ruleTester(missingEffectiveDate, {
  valid: [
    { name: 'a designated version needs no effective date', files: { 'documents/RX.md': versionManifest('RX', { version: '1.0', from: '2020-01-01' }) } },
    { name: 'a consultation version that says when it takes effect', files: { 'documents/RX.md': versionManifest('RX', { version: '2.0', status: 'consultation', effective: '2026-01-01' }) } },
  ],
  invalid: [
    {
      name: 'a draft and a consultation without `effective`',
      files: { 'documents/RX.md': versionManifest('RX', { version: '2.0', status: 'draft' }), 'documents/SY.md': versionManifest('SY', { version: '3.0', status: 'consultation' }) },
      errors: [
        { file: 'documents/RX.md', line: 7, column: 1, message: /RX v2\.0 is a draft version without `effective`; it is checked as if it took effect on 2025-06-01/ },
        { file: 'documents/SY.md', line: 7, column: 1, message: /SY v3\.0 is a consultation version/ },
      ],
    },
  ],
});
