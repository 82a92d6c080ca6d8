import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// The app is built into the jar's classpath (target/classes/scope-cloud-ui), which the Java side
// serves at `/`. `npm run dev` proxies the API to a running standalone service on :4040.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'target/classes/scope-cloud-ui',
    emptyOutDir: true,
    sourcemap: false,
    // The entry chunk is ~260 kB and xterm's ~335 kB; a warning here means something big slipped
    // into a chunk that every page loads (see README, "Bundle").
    chunkSizeWarningLimit: 400,
  },
  server: {
    proxy: {
      '/api': { target: 'http://localhost:4040', ws: true, changeOrigin: false },
    },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test/setup.ts'],
    // The CI machine is shared: rendering a few thousand rows in jsdom can take seconds there.
    testTimeout: 20000,
  },
});
