import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import vue from '@vitejs/plugin-vue';
import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';

/**
 * The wasm backend's thread workers run `wasm-pthread-worker.mjs`, found beside the module that
 * starts them (`new URL('./wasm-pthread-worker.mjs', import.meta.url)`); in the bundle that module
 * is `out/main/compute.js`, so the worker script is copied there. Without it training falls back
 * to one thread (and says so).
 */
function copyWasmThreadWorker(): Plugin {
  const source = resolve(__dirname, 'src-main/engine/backend/wasm-pthread-worker.mjs');
  return {
    name: 'copy-wasm-thread-worker',
    generateBundle() {
      this.emitFile({
        type: 'asset',
        fileName: 'wasm-pthread-worker.mjs',
        source: readFileSync(source, 'utf8'),
      });
    },
  };
}

/**
 * index.html carries the strict Content Security Policy the built app runs under (no inline
 * style, no connections but to its own origin). Vite's dev server injects <style> tags and talks
 * to its HMR socket, so only while serving are those two allowed.
 */
function relaxCspForDevServer(): Plugin {
  return {
    name: 'relax-csp-for-dev-server',
    apply: 'serve',
    transformIndexHtml(html) {
      return html
        .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
        .replace("connect-src 'self'", "connect-src 'self' ws://localhost:* ws://127.0.0.1:*");
    },
  };
}

// Three bundles: the Electron shell (main), the sandboxed preload, and the Vue renderer.
// The renderer is the same bundle that browser mode serves.
export default defineConfig({
  main: {
    plugins: [copyWasmThreadWorker()],
    build: {
      // Packages (better-sqlite3 is native) load from node_modules at run time.
      externalizeDeps: true,
      // The compute process's entry is a second input: Electron forks it as a utilityProcess.
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src-main/electron/main.ts'),
          compute: resolve(__dirname, 'src-main/engine/compute-entry.ts'),
        },
      },
    },
  },
  preload: {
    // A sandboxed preload cannot require packages: bundle everything (zod, the contract) into it.
    build: {
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'src-preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src-renderer'),
    base: './',
    plugins: [vue(), relaxCspForDevServer()],
    build: {
      rollupOptions: { input: { index: resolve(__dirname, 'src-renderer/index.html') } },
    },
  },
});
