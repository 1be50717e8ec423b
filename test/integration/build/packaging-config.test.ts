// The packaging config, checked without the Electron download `npm run dist` needs: it must pass
// electron-builder's own schema, name the installers lab PCs use, unpack every native module from
// the asar, keep the native TensorFlow addons out of the bundle, and name files that exist.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
const require = createRequire(join(root, 'package.json'));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  main: string;
  scripts: Record<string, string>;
  optionalDependencies: Record<string, string>;
};

interface BuilderConfig {
  /** getConfig normalises the list into file sets. */
  files: { filter: string[] }[];
  asarUnpack: string[];
  extraResources: { from: string; to: string; filter: string[] }[];
  npmRebuild: boolean;
  linux: { target: string[]; maintainer?: string };
  win: { target: string };
  mac: { target: string };
  directories: { output: string; buildResources: string };
}

let config: BuilderConfig;

beforeAll(async () => {
  if (!existsSync(join(root, pkg.main))) {
    const build = spawnSync('npx', ['electron-vite', 'build'], { cwd: root, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
  }
  const { getConfig } = require('app-builder-lib/out/util/config/config') as {
    getConfig: (dir: string, path: string | null, options: null) => Promise<unknown>;
  };
  config = (await getConfig(root, null, null)) as BuilderConfig;
}, 120_000);

const fileFilters = () => config.files.flatMap((set) => set.filter);

/** Installed packages outside devDependencies whose folder holds a compiled addon. */
function nativeProductionPackages(): string[] {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dev?: boolean; devOptional?: boolean }>;
  };
  const hasAddon = (dir: string, depth = 0): boolean =>
    depth < 7 &&
    readdirSync(dir, { withFileTypes: true }).some((entry) =>
      entry.name === 'node_modules'
        ? false
        : entry.isDirectory()
          ? hasAddon(join(dir, entry.name), depth + 1)
          : entry.name.endsWith('.node') || entry.name === 'binding.gyp',
    );
  return Object.entries(lock.packages)
    .filter(([path, info]) => path !== '' && !info.dev && !info.devOptional)
    .map(([path]) => path)
    .filter((path) => existsSync(join(root, path)) && hasAddon(join(root, path)));
}

describe('electron-builder.yml', () => {
  it("passes electron-builder's own schema, and the schema does catch a mistake", async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
      validateConfiguration: (config: unknown, logger: unknown) => Promise<void>;
    };
    const { DebugLogger } = require('builder-util') as {
      DebugLogger: new (on: boolean) => unknown;
    };
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    const mistaken = { ...config, linux: { ...config.linux, targets: ['AppImage'] } };
    await expect(validateConfiguration(mistaken, new DebugLogger(false))).rejects.toThrow(
      /does not match the API schema/,
    );
  });

  it('builds an AppImage and a deb, a Windows installer and a macOS disk image', () => {
    expect(config.linux.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(config.linux.maintainer).toMatch(/<[^>]+@[^>]+>/); // dpkg refuses a package without one
    expect(config.win.target).toBe('nsis');
    expect(config.mac.target).toBe('dmg');
  });

  it('ships the built app, whose entry exists', () => {
    expect(fileFilters()).toContain('out/**');
    expect(pkg.main.startsWith('out/')).toBe(true);
    expect(existsSync(join(root, pkg.main))).toBe(true);
    expect(existsSync(join(root, 'out/main/compute.js'))).toBe(true);
    expect(existsSync(join(root, 'out/preload/index.cjs'))).toBe(true);
    expect(existsSync(join(root, 'out/renderer/index.html'))).toBe(true);
  });

  it('unpacks every native module from the asar and rebuilds them for Electron', () => {
    const native = nativeProductionPackages();
    expect(native).toContain('node_modules/better-sqlite3');
    // The optional TensorFlow addons are native too, installed here or not.
    const expected = [
      ...native,
      ...Object.keys(pkg.optionalDependencies).map((n) => `node_modules/${n}`),
    ];
    for (const path of expected) expect(config.asarUnpack).toContain(`${path}/**`);
    expect(config.npmRebuild).toBe(true);
  });

  it('keeps the native TensorFlow addons out of the bundle: loaded by name at run time', () => {
    const compute = readFileSync(join(root, 'out/main/compute.js'), 'utf8');
    for (const name of Object.keys(pkg.optionalDependencies)) {
      expect(compute).toContain(`"${name}"`);
    }
    // tfjs-node's backend class would be here had it been bundled.
    expect(compute).not.toContain('NodeJSKernelBackend');
    const main = readFileSync(join(root, pkg.main), 'utf8');
    expect(main).toMatch(/from "better-sqlite3"|require\("better-sqlite3"\)/);
  });

  it('leaves out tsx and esbuild, which the built app never loads', () => {
    const bundles = ['out/main/index.js', 'out/main/compute.js']
      .map((f) => readFileSync(join(root, f), 'utf8'))
      .join('\n');
    for (const name of ['tsx', 'esbuild']) {
      expect(fileFilters()).toContain(`!node_modules/${name}/**`);
      expect(bundles).not.toMatch(new RegExp(`(from |require\\()"${name}[/"]`));
    }
  });

  it('ships the demo project from files that exist', () => {
    const demo = config.extraResources.find((r) => r.to === 'demo')!;
    const from = join(root, demo.from);
    expect(readdirSync(join(from, 'images')).length).toBeGreaterThan(0);
    expect(readdirSync(join(from, 'labels')).length).toBe(readdirSync(join(from, 'images')).length);
    expect(existsSync(join(from, 'README.md'))).toBe(true);
    expect(existsSync(join(root, config.directories.buildResources))).toBe(true);
  });

  it('has an `npm run dist` that builds before packaging', () => {
    expect(pkg.scripts.dist).toMatch(/^electron-vite build && electron-builder\b/);
  });
});
