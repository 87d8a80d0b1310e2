import react from '@vitejs/plugin-react';
import { defineConfig, type ProxyOptions } from 'vite';
import { precompress } from './scripts/precompress.ts';

const server = 'http://localhost:3000';

/**
 * The server refuses writes whose Origin is not its own. The browser sends the dev server's origin, so a
 * request from the dev server's own pages gets the API server's origin instead; any other origin is passed
 * on unchanged and refused as before.
 */
const api: ProxyOptions = {
  target: server,
  changeOrigin: true,
  configure: (proxy) => {
    proxy.on('proxyReq', (proxyReq, req) => {
      if (req.headers.origin === `http://${req.headers.host}`) proxyReq.setHeader('origin', server);
    });
  },
};

const vendor = (packages: string) => new RegExp(`[\\\\/]node_modules[\\\\/](${packages})[\\\\/]`);

export default defineConfig({
  plugins: [react(), precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    manifest: true,
    // The password dictionaries (@zxcvbn-ts, ~2.4 MB) are one lazy chunk, loaded only by the password
    // forms (setup, invitation) through app/ui/password-rule.ts.
    chunkSizeWarningLimit: 2600,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [{ name: 'password-dictionaries', test: vendor('@zxcvbn-ts') }],
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': api,
      '/healthz': server,
      '/readyz': server,
    },
  },
});
