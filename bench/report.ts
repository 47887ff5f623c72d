/** Lets a benchmark hand its figures to bench/run.ts (one machine-readable line on stdout). */
export function report(figures: Record<string, number | string | boolean | null>): void {
  process.stdout.write(`BENCH_RESULT ${JSON.stringify(figures)}\n`);
}
