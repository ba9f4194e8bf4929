import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Temporary folders of the whole run are made under one folder, removed when the run ends (build/test/tempRoot.ts).
    globalSetup: ['build/test/tempRoot.ts'],
  },
});
