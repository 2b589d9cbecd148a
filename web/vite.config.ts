import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// The build goes into the web jar under static/, where Spring Boot serves static resources from the classpath:
// the gateway depends on that jar and serves the SPA at / on the API's own origin (session cookie, CSRF cookie).
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'target/classes/static',
    emptyOutDir: true,
  },
  server: {
    // npm run dev: the gateway (devstack) answers /api, /login and /logout on the same origin through the proxy.
    proxy: {
      '/api': 'http://localhost:8080',
      '/login': 'http://localhost:8080',
      '/logout': 'http://localhost:8080',
    },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
  },
});
