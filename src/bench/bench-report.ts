/** Formatting shared by the benchmarks' reports: rates, durations, sizes, ratios and summary rows. */

/** One line of the closing table: a figure, its target and the baseline it is set against. */
export interface SummaryRow {
  figure: string;
  value: string;
  /** "" when the issue sets no target for this figure. */
  target: string;
  baseline: string;
  /** undefined when there is no target to meet. */
  met?: boolean;
}

export function formatRate(perSec: number, unit: string): string {
  const rounded = perSec >= 100 ? Math.round(perSec).toLocaleString('en') : perSec.toFixed(1);
  return `${rounded} ${unit}`;
}

export function formatMs(ms: number): string {
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  return `${ms.toFixed(ms < 10 ? 2 : ms < 100 ? 1 : 0)} ms`;
}

export function formatMb(mb: number): string {
  return `${mb.toFixed(mb < 10 ? 1 : 0)} MB`;
}

/** A ratio as "×1.23" (ours over the baseline). */
export function formatRatio(ratio: number): string {
  return `×${ratio.toFixed(ratio < 10 ? 2 : 1)}`;
}

export function verdict(met: boolean | undefined): string {
  return met === undefined ? '—' : met ? 'met' : 'MISSED';
}

/** The closing table, columns padded to their widest cell. */
export function formatSummaryTable(rows: SummaryRow[]): string[] {
  const header = { figure: 'figure', value: 'measured', target: 'target', baseline: 'baseline (same run)', met: 'verdict' };
  const cells = [header, ...rows.map((r) => ({ ...r, met: verdict(r.met) }))];
  const width = (key: keyof typeof header) => Math.max(...cells.map((c) => String(c[key]).length));
  const keys: (keyof typeof header)[] = ['figure', 'value', 'target', 'met', 'baseline'];
  const line = (c: Record<keyof typeof header, string>) => keys.map((k) => String(c[k]).padEnd(width(k))).join('  ').trimEnd();
  return [line(header), keys.map((k) => '-'.repeat(width(k))).join('  '), ...cells.slice(1).map((c) => line(c as Record<keyof typeof header, string>))];
}
