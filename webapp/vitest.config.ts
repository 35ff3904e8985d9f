import preact from '@preact/preset-vite';
import { defineConfig } from 'vitest/config';

// Unit tests only; the browser tests in e2e/ run with `npm run e2e`.
export default defineConfig({
  plugins: [preact()],
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.test.{ts,tsx}'],
    restoreMocks: true,
    setupFiles: ['src/test/setup.ts'],
  },
});
