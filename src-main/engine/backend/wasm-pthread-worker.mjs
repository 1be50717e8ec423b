// One pthread of tfjs-backend-wasm's threaded build, run as a Node worker thread.
//
// The tfjs bundle already carries emscripten's pthread worker (`wasmWorkerContents`, with Node
// support), but in Node it cannot start: tfjs hands emscripten a blob: URL for it, and Node's
// Worker needs a file. `wasm-threads.ts` points emscripten here instead; this file runs tfjs's own
// worker code and fixes the two things that break in Node:
// - the main script arrives as a Blob (tfjs's `mainScriptUrlOrBlob`), which emscripten would
//   load with `importScripts(URL.createObjectURL(blob))`, i.e. `fs.readFileSync('blob:…')`. We
//   read the Blob (asynchronously, holding back later messages meanwhile) and evaluate its text;
// - that text is the emscripten factory cut out of tfjs's rollup bundle, so it still names a few
//   of the bundle's module-level variables (`require$$0`…, `commonjsGlobal`, tslib helpers);
//   they are defined here as globals.
// Checked against @tensorflow/tfjs-backend-wasm 4.22.0 only (`wasm-threads.ts` checks the
// version). Any failure here must not throw: emscripten's main thread rethrows a worker's error
// as an uncaught exception, which would end the whole process. Instead the worker logs the
// error, tells tfjs to abort its start (tfjs then falls back to one thread), and exits.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import perfHooks from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { parentPort } from 'node:worker_threads';

// emscripten's worker code is CommonJS: it gets a `require` and `__filename` of its own.
const require = createRequire(import.meta.url);
const filename = fileURLToPath(import.meta.url);

const MAIN_SCRIPT = 'tfjs-backend-wasm-threaded-simd.js';

function workerSource() {
  const bundle = fs.readFileSync(require.resolve('@tensorflow/tfjs-backend-wasm'), 'utf8');
  const literal = /^var wasmWorkerContents = (".*");$/m.exec(bundle);
  if (literal == null) throw new Error('tfjs-backend-wasm no longer embeds its pthread worker');
  // tfjs escapes newlines the same way before it puts this text in a Blob.
  return JSON.parse(literal[1]).replace(/\n/g, '\\n');
}

// The bundle's own tslib helpers, restated for the arrays and iterables the factory passes.
const bundleGlobals = {
  require$$0: fs,
  require$$1: path,
  require$$3: perfHooks,
  require$$4: os,
  commonjsGlobal: globalThis,
  __values: (iterable) => iterable[Symbol.iterator](),
  __read: (iterable, n) => Array.from(iterable).slice(0, n),
  __spreadArray: (to, from) => to.concat(Array.prototype.slice.call(from)),
};

function fail(error, handlers) {
  const message = error instanceof Error ? error.stack || error.message : String(error);
  fs.writeSync(2, `WebAssembly thread did not start: ${message}\n`);
  if (handlers != null && handlers.includes('onAbort')) {
    parentPort.postMessage({ cmd: 'callHandler', handler: 'onAbort', args: [] });
  }
  process.exit(1);
}

function start() {
  Object.assign(globalThis, bundleGlobals);
  vm.runInThisContext(`(function (require, __filename) {${workerSource()}\n})`, {
    filename: 'tfjs-backend-wasm-threaded-simd.worker.js',
  })(require, filename);

  let mainScript = '';
  const importFile = globalThis.importScripts;
  globalThis.importScripts = (file) =>
    file === MAIN_SCRIPT ? vm.runInThisContext(mainScript, { filename: file }) : importFile(file);

  const handle = globalThis.onmessage;
  let heldBack = null;
  globalThis.onmessage = (event) => {
    if (heldBack != null) {
      heldBack.push(event);
      return;
    }
    const data = event.data;
    if (data.cmd !== 'load' || typeof data.urlOrBlob === 'string') {
      handle(event);
      return;
    }
    heldBack = [];
    data.urlOrBlob
      .text()
      .then((text) => {
        mainScript = text;
        handle({ data: { ...data, urlOrBlob: MAIN_SCRIPT } });
        const rest = heldBack;
        heldBack = null;
        for (const later of rest) globalThis.onmessage(later);
      })
      .catch((error) => fail(error, data.handlers));
  };
}

try {
  start();
} catch (error) {
  // Nothing can be told to tfjs before its 'load' message (it names the handlers it accepts).
  parentPort.once('message', (data) => fail(error, data && data.handlers));
}
