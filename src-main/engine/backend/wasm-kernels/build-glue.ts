// Assembles `glue.wat` into `glue-binary.ts` (two builds as base64: one importing a shared memory,
// for the threaded backend, one a plain memory, for the single-threaded one). A development
// step, not part of the app: the app only imports the generated file, and a test fails when it
// is out of date with the source.
//
//   npx tsx src-main/engine/backend/wasm-kernels/build-glue.ts
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import wabtFactory from 'wabt';

const SOURCE = fileURLToPath(new URL('./glue.wat', import.meta.url));
export const GLUE_BINARY_FILE = fileURLToPath(new URL('./glue-binary.ts', import.meta.url));

const SHARED_IMPORT = '(import "env" "memory" (memory 1 65536 shared))';
const PLAIN_IMPORT = '(import "env" "memory" (memory 1))';

async function assemble(wat: string): Promise<string> {
  const wabt = await wabtFactory();
  const module = wabt.parseWat('glue.wat', wat, { simd: true, threads: true, bulk_memory: true });
  try {
    const bytes = module.toBinary({}).buffer;
    // wabt.js's own validator rejects shared memories whatever its flags: V8 validates instead.
    new (
      globalThis as unknown as { WebAssembly: { Module: new (b: Uint8Array) => object } }
    ).WebAssembly.Module(bytes);
    return Buffer.from(bytes).toString('base64');
  } finally {
    module.destroy();
  }
}

/** The text `glue-binary.ts` should hold for the current `glue.wat`. */
export async function generatedGlueSource(): Promise<string> {
  const wat = await readFile(SOURCE, 'utf8');
  if (!wat.includes(SHARED_IMPORT)) throw new Error(`glue.wat must import ${SHARED_IMPORT}`);
  const shared = await assemble(wat);
  const plain = await assemble(wat.replace(SHARED_IMPORT, PLAIN_IMPORT));
  return `// Generated from glue.wat by build-glue.ts: do not edit.
/** glue.wat importing a shared memory (the threaded backend). */
export const GLUE_SHARED_MEMORY =
  '${shared}';
/** glue.wat importing a plain memory (the single-threaded backend). */
export const GLUE_PLAIN_MEMORY =
  '${plain}';
`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await writeFile(GLUE_BINARY_FILE, await generatedGlueSource());
  console.log(`wrote ${GLUE_BINARY_FILE}`);
}
