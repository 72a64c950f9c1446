import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

export interface ChunkSize {
  /** The chunk's name before hashing, e.g. `index` or `vendor`. */
  readonly name: string;
  readonly fileName: string;
  readonly bytes: number;
  readonly gzipBytes: number;
  /** Whether the page loads it before the first screen: an entry chunk or one it imports statically. */
  readonly firstLoad: boolean;
}

export interface SizeBudget {
  /** What the budget covers, as the build prints it, e.g. "app code". */
  readonly label: string;
  /** The most gzipped bytes the covered chunks may add up to. */
  readonly maxGzipBytes: number;
  /**
   * Which chunks count against this budget.
   * @default - every JavaScript chunk
   */
  readonly includes?: (chunk: ChunkSize) => boolean;
}

export interface BudgetResult {
  readonly label: string;
  readonly gzipBytes: number;
  readonly maxGzipBytes: number;
  readonly over: boolean;
}

/** Measures each chunk as the CDN sends it to a browser that accepts gzip. */
export function measureChunks(
  chunks: ReadonlyArray<{ name: string; fileName: string; code: string; firstLoad?: boolean }>,
): ChunkSize[] {
  return chunks.map(({ name, fileName, code, firstLoad = true }) => ({
    name,
    fileName,
    bytes: Buffer.byteLength(code),
    gzipBytes: gzipSync(code, { level: 9 }).length,
    firstLoad,
  }));
}

/** The chunks a browser fetches before the first screen: the entries and, transitively, their static imports. */
export function firstLoadFiles(
  chunks: ReadonlyArray<{ fileName: string; isEntry: boolean; imports: readonly string[] }>,
): Set<string> {
  const byFile = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
  const loaded = new Set<string>();
  const visit = (fileName: string) => {
    if (loaded.has(fileName)) return;
    loaded.add(fileName);
    for (const imported of byFile.get(fileName)?.imports ?? []) visit(imported);
  };
  for (const chunk of chunks) if (chunk.isEntry) visit(chunk.fileName);
  return loaded;
}

export function checkBudgets(sizes: readonly ChunkSize[], budgets: readonly SizeBudget[]): BudgetResult[] {
  return budgets.map(({ label, maxGzipBytes, includes = () => true }) => {
    const gzipBytes = sizes.filter(includes).reduce((sum, s) => sum + s.gzipBytes, 0);
    return { label, gzipBytes, maxGzipBytes, over: gzipBytes > maxGzipBytes };
  });
}

/** Kilobytes of 1000 bytes, the unit Vite prints too. */
export const kB = (bytes: number): string => `${(bytes / 1000).toFixed(1)} kB`;

/** The table the build prints: one line per chunk, then one per budget. */
export function formatReport(sizes: readonly ChunkSize[], results: readonly BudgetResult[]): string {
  const width = Math.max(...sizes.map((s) => s.fileName.length), ...results.map((r) => r.label.length));
  return [
    'JavaScript size (gzipped):',
    ...sizes.map(
      (s) =>
        `  ${s.fileName.padEnd(width)}  ${kB(s.gzipBytes).padStart(9)}  (${kB(s.bytes)} raw)` +
        (s.firstLoad ? '' : '  on demand'),
    ),
    ...results.map(
      (r) =>
        `  ${r.label.padEnd(width)}  ${kB(r.gzipBytes).padStart(9)}  of ${kB(r.maxGzipBytes)}` +
        (r.over ? '  OVER BUDGET' : '  ok'),
    ),
  ].join('\n');
}

/** A Vite build plugin that prints the gzipped JavaScript sizes and fails the build when a budget is exceeded. */
export function bundleBudget(budgets: readonly SizeBudget[]): Plugin {
  return {
    name: 'shoestring:bundle-budget',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).flatMap((item) => (item.type === 'chunk' ? [item] : []));
      const firstLoad = firstLoadFiles(chunks);
      const sizes = measureChunks(
        chunks.map(({ name, fileName, code }) => ({
          name,
          fileName,
          code,
          firstLoad: firstLoad.has(fileName),
        })),
      );
      const results = checkBudgets(sizes, budgets);
      console.log(formatReport(sizes, results));
      const over = results.filter((r) => r.over);
      if (over.length > 0) {
        const what = over.map((r) => `${r.label} is ${kB(r.gzipBytes)} (budget ${kB(r.maxGzipBytes)})`);
        this.error(
          `JavaScript over budget: ${what.join('; ')}. Remove a dependency or dead code, ` +
            'or raise the budget in apps/web/vite.config.ts with a reason in docs/performance.md.',
        );
      }
    },
  };
}
