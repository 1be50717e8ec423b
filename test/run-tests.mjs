// `npm test`: typecheck, lint, build (the e2e tests drive the built renderer), then every vitest
// suite (unit, integration, e2e). Ends with one plain line CI reads: `N passed, N failed`.
// Each failing stage counts as one failure, so a type error can never end in "0 failed".
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const report = resolve(root, '.vitest-report.json');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const extraArgs = process.argv.slice(2);

function run(label, command, args) {
  console.log(`\n=== ${label} ===`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  return result.status === 0;
}

const failedStages = [];
for (const [label, script] of [
  ['typecheck', 'typecheck'],
  ['lint', 'lint'],
  ['build', 'build'],
]) {
  if (!run(label, npm, ['run', '--silent', script])) failedStages.push(label);
}

rmSync(report, { force: true });
run('tests', npx, [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
  ...extraArgs,
]);

let passed = 0;
let failed = 0;
if (existsSync(report)) {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  passed = json.numPassedTests;
  failed = json.numFailedTests;
  // A suite that fails to load has no tests of its own; count it so it cannot hide.
  const brokenSuites = (json.testResults ?? []).filter(
    (suite) => suite.status === 'failed' && (suite.assertionResults ?? []).length === 0,
  );
  failed += brokenSuites.length;
  for (const suite of brokenSuites) console.log(`Suite failed to run: ${suite.name}`);
  const skipped = (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0);
  if (skipped > 0) {
    console.log(`${skipped} skipped test(s): skipped tests are not allowed.`);
    failed += skipped;
  }
} else {
  failedStages.push('tests (no report)');
}
failed += failedStages.length;
if (failedStages.length > 0) console.log(`Failed stages: ${failedStages.join(', ')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
