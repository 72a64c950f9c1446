import type { LocalFile } from './local-files.ts';

/** What a deploy did (or, with `--dry-run`, would do). */
export interface DeploySummary {
  dryRun: boolean;
  deployNumber: number;
  uploaded: string[];
  skipped: number;
  deleted: string[];
  /** Objects that left the build and are kept until their grace period ends. */
  retained: number;
  bytesUploaded: number;
  invalidatedPaths: string[];
  invalidationIds: string[];
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

export function uploadLine(file: LocalFile, done: number, total: number, dryRun: boolean): string {
  const verb = dryRun ? 'would upload' : 'uploaded';
  return `[${done}/${total}] ${verb} ${file.key} (${formatBytes(file.size)}, ${file.cacheControl})`;
}

export function summaryLines(summary: DeploySummary): string[] {
  const prefix = summary.dryRun ? 'Dry run, nothing written. Would have' : `Deploy #${summary.deployNumber}:`;
  const invalidated = summary.invalidatedPaths.length;
  return [
    `${prefix} uploaded ${summary.uploaded.length} file(s) (${formatBytes(summary.bytesUploaded)}), ` +
      `skipped ${summary.skipped} unchanged, deleted ${summary.deleted.length} old object(s), ` +
      `kept ${summary.retained} old object(s) within the grace period, ` +
      `invalidated ${invalidated} path(s)${invalidated > 0 ? `: ${listPaths(summary.invalidatedPaths)}` : ''}.`,
  ];
}

/** The paths, cut after the first twenty so a large release keeps a one-screen summary. */
function listPaths(paths: string[]): string {
  const shown = paths.slice(0, 20).join(' ');
  return paths.length > 20 ? `${shown} and ${paths.length - 20} more` : shown;
}
