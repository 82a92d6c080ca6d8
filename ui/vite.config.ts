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
    chunkSizeWarningLimit: 1500,
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
  },
});
