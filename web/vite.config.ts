import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// The build goes into the web jar under static/, where Spring Boot serves static resources from the classpath:
// the gateway depends on that jar and serves the SPA at / on the API's own origin (session cookie, CSRF cookie).
const gateway = 'http://localhost:8080';

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'target/classes/static',
    emptyOutDir: true,
  },
  server: {
    // npm run dev, for live reload: a devstack's gateway (port 8080) answers /api, /login and /logout through the
    // proxy; sign in at http://localhost:5173/login first. The gateway refuses state-changing calls from another
    // origin, so the proxy presents them as coming from the gateway's own.
    proxy: Object.fromEntries(['/api', '/login', '/logout'].map((path) => [path, { target: gateway, headers: { origin: gateway } }])),
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
  },
});
