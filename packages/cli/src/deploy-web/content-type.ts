import path from 'node:path';
import mime from 'mime-types';

/**
 * mime-db's answers where a site build needs another: a browser refuses a module script served as anything but a
 * JavaScript type, and mime-db lists `.cjs` as `application/node`.
 */
const SCRIPT_OVERRIDES: Readonly<Record<string, string>> = { '.cjs': 'text/javascript; charset=utf-8' };

/**
 * The `Content-Type` for a file name, by extension (case-insensitive), from mime-db via `mime-types`: text types
 * and JSON carry `charset=utf-8`; an unknown extension is `application/octet-stream` (a download, never executed).
 */
export function contentTypeFor(fileName: string): string {
  const extension = path.extname(fileName).toLowerCase();
  return SCRIPT_OVERRIDES[extension] ?? (mime.contentType(extension) || 'application/octet-stream');
}
