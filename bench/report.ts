// What every benchmark reports the same way: the machine, the statistics and a Markdown table.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';

export interface Machine {
  cpus: string;
  chromium: string;
  node: string;
}

/** Total and idle CPU time since boot from /proc/stat (Linux), or null. */
function cpuTimes(): { total: number; idle: number } | null {
  try {
    const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '')
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    // user nice system idle iowait irq softirq steal
    return { total: fields.reduce((sum, n) => sum + n, 0), idle: (fields[3] ?? 0) + (fields[4] ?? 0) };
  } catch {
    return null;
  }
}

/** How busy the CPUs are over one second. Other work on the machine skews every timing. */
async function cpuBusy(): Promise<number | null> {
  const before = cpuTimes();
  await sleep(1000);
  const after = cpuTimes();
  if (!before || !after || after.total === before.total) return null;
  return 1 - (after.idle - before.idle) / (after.total - before.total);
}

/** `nproc` (and the CPU model), the Chromium the benchmarks drive, and this Node. */
export function describeMachine(chromiumVersion: string): Machine {
  let nproc: string;
  try {
    nproc = execFileSync('nproc', { encoding: 'utf8' }).trim();
  } catch {
    nproc = String(availableParallelism());
  }
  const model = cpus()[0]?.model.replace(/\s+/g, ' ').trim();
  return {
    cpus: model ? `${nproc} (${model})` : nproc,
    chromium: chromiumVersion,
    node: process.version,
  };
}

/** The value at quantile q (0..1) of sorted values, nearest rank: p95 of 100 runs is the 95th. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) throw new Error('no values');
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[rank - 1] as number;
}

/** The median; the mean of the two middle values for an even count. */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('no values');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  return Number.isInteger(middle)
    ? ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2
    : (sorted[Math.floor(middle)] as number);
}

/** One row of a benchmark's result table. */
export interface ResultRow {
  measured: string;
  runs: number;
  median: string;
  p95: string;
  goal: string;
  /** null: reported for information, no goal. */
  pass: boolean | null;
}

/** A number of milliseconds as the tables show it. */
export const inMilliseconds =
  (digits: number) =>
  (value: number): string =>
    `${value.toFixed(digits)} ms`;

/**
 * A row maker for one unit: median and p95 of the values, each shown with `format`. A row without
 * values shows dashes and, when it has a goal, fails it.
 */
export function rowsOf(format: (value: number) => string) {
  return (measured: string, values: number[], goal = '—', pass: boolean | null = null): ResultRow =>
    values.length
      ? {
          measured,
          runs: values.length,
          median: format(median(values)),
          p95: format(quantile(values, 0.95)),
          goal,
          pass,
        }
      : { measured, runs: 0, median: '—', p95: '—', goal, pass: pass === null ? null : false };
}

/** One benchmark's section of docs/PERFORMANCE.md. */
export interface BenchResult {
  title: string;
  /** How it was measured, one paragraph of Markdown. */
  method: string;
  rows: ResultRow[];
  /** Further Markdown after the table (details, a breakdown). */
  details?: string;
  /** Why the benchmark could not measure what it should (a press that did not move focus…). */
  errors: string[];
  machine: Machine;
  /** How busy the CPUs were (0..1) in the second before the benchmark started; null off Linux. */
  busy: number | null;
  date: Date;
}

/** When a benchmark started, and how busy the machine was with other work just before. */
export async function runContext(measureBusy = true): Promise<{ busy: number | null; date: Date }> {
  const busy = measureBusy ? await cpuBusy() : null;
  return { busy, date: new Date() };
}

const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

function verdict(row: ResultRow): string {
  if (row.pass === null) return '—';
  return row.pass ? '**pass**' : '**FAIL**';
}

export function renderSection(result: BenchResult): string {
  const { machine } = result;
  const busy = result.busy === null ? '' : `, ${Math.round(result.busy * 100)}% busy before`;
  const machineText = `nproc ${machine.cpus}${busy}; ${machine.chromium}; Node ${machine.node}`;
  const date = `${result.date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  const header = ['What was measured', 'Runs', 'Median', 'p95', 'Goal', 'Result', 'Machine', 'Date'];
  const lines = [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...result.rows.map(
      (row) =>
        `| ${[row.measured, String(row.runs), row.median, row.p95, row.goal, verdict(row), machineText, date]
          .map(cell)
          .join(' | ')} |`,
    ),
  ];
  const errors = result.errors.length
    ? `\n**The benchmark failed:**\n\n${result.errors.map((e) => `- ${e}`).join('\n')}\n`
    : '';
  return `## ${result.title}\n\n${result.method}\n\n${lines.join('\n')}\n${errors}${
    result.details ? `\n${result.details}\n` : ''
  }`;
}

/** Whether every goal was met and nothing went wrong. */
export function passed(result: BenchResult): boolean {
  return result.errors.length === 0 && result.rows.every((row) => row.pass !== false);
}
