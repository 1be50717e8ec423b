import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
const eslint = new ESLint({ cwd: root });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(root, filePath) });
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === 'no-restricted-imports')
    .map((message) => message.message);
}

describe('the folder tells the runtime (lint rule)', () => {
  it('refuses electron in src-main work code but allows it in the shell', async () => {
    const code = "import { app } from 'electron';\nexport const a = app;\n";
    expect(await restrictedImports('src-main/services/x.ts', code)).toHaveLength(1);
    expect(await restrictedImports('src-main/electron/x.ts', code)).toHaveLength(0);
  });

  it('keeps the contract free of runtimes', async () => {
    for (const code of [
      "import { readFile } from 'node:fs';\nexport const r = readFile;\n",
      "import { app } from 'electron';\nexport const a = app;\n",
      "import { ref } from 'vue';\nexport const r = ref;\n",
    ]) {
      expect(await restrictedImports('src-preload/contract/x.ts', code)).toHaveLength(1);
    }
    expect(
      await restrictedImports(
        'src-preload/contract/x.ts',
        "import { z } from 'zod';\nexport const s = z;\n",
      ),
    ).toHaveLength(0);
  });

  it('keeps node and main code out of the renderer', async () => {
    expect(
      await restrictedImports(
        'src-renderer/src/x.ts',
        "import { readFile } from 'node:fs';\nexport const r = readFile;\n",
      ),
    ).toHaveLength(1);
    expect(
      await restrictedImports(
        'src-renderer/src/x.ts',
        "import { StudioSession } from '../../src-main/services/studio-session';\nexport const s = StudioSession;\n",
      ),
    ).toHaveLength(1);
  });
});
