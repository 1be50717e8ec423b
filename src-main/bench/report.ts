// The bench's printed output: a table of the measured rows, the engines that could not run
// (with the reason), and per mode the fastest studio engine's time over PyTorch's.
import { isSkip, type BenchMode, type BenchResult, type BenchRow } from './bench-options';

export interface Ratio {
  mode: BenchMode;
  studio: string;
  reference: string;
  /** studio time / PyTorch time: below 1 means the studio is faster. */
  ratio: number;
}

export function ratioLines(rows: BenchRow[]): Ratio[] {
  const ratios: Ratio[] = [];
  for (const mode of ['train', 'predict'] as const) {
    const ofMode = rows.filter((row) => row.mode === mode);
    const reference = ofMode.find((row) => row.engine.startsWith('pytorch'));
    const studio = ofMode
      .filter((row) => row.engine.startsWith('studio'))
      .sort((a, b) => a.ms_median - b.ms_median)[0];
    if (!reference || !studio) continue;
    ratios.push({
      mode,
      studio: studio.engine,
      reference: reference.engine,
      ratio: Math.round((studio.ms_median / reference.ms_median) * 100) / 100,
    });
  }
  return ratios;
}

export function formatBenchTable(results: BenchResult[], ratios: Ratio[]): string {
  const header = [
    'engine',
    'mode',
    'filters',
    'depth',
    'tile',
    'threads',
    'ms (median)',
    'GFLOP/s',
    'peak RSS MB',
  ];
  const rows = results
    .filter((r): r is BenchRow => !isSkip(r))
    .map((r) => [
      r.engine,
      r.mode,
      String(r.filters),
      String(r.depth),
      String(r.tile),
      String(r.threads),
      r.ms_median.toFixed(1),
      r.gflops.toFixed(1),
      String(r.rss_mb),
    ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  const out = [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
  const skipped = results.filter(isSkip);
  if (skipped.length) {
    out.push('', 'Not measured:');
    for (const s of skipped) out.push(`  ${s.engine} ${s.mode}: ${s.skipped}`);
  }
  if (ratios.length) {
    out.push('', 'Studio / PyTorch (below 1: the studio is faster):');
    for (const r of ratios)
      out.push(`  ${r.mode}: ${r.studio} / ${r.reference} = ${r.ratio.toFixed(2)}x`);
  }
  return out.join('\n');
}
