/**
 * Run as a child process (`--expose-gc`, a 1 MB young generation): makes one object literal's objects all survive
 * young collections, as a burst of long-lived rows does, then allocates more from the same literal and prints how
 * many bytes of old generation each new object took. With V8's allocation-site pretenuring on, the literal's objects
 * go straight to the old generation (some 160 bytes each); with it off, none do. `--tuned` imports the API's V8
 * settings first, as `server.ts` does.
 */
import { getHeapSpaceStatistics } from 'node:v8';

if (process.argv.includes('--tuned')) await import('../../src/platform/v8-tuning.ts');

const gc = (globalThis as { gc?: (options: { type: 'minor' }) => void }).gc;
if (!gc) throw new Error('run with --expose-gc');
const oldSpaceUsed = () =>
  getHeapSpaceStatistics().find((space) => space.space_name === 'old_space')?.space_used_size ?? 0;
// Nested literals: V8 tracks allocation sites for these (as for pg's rows with their values).
const make = (i: number) => ({ values: [i], when: { at: i } });

let survivors: unknown[] = [];
for (let round = 0; round < 6; round++) {
  survivors = Array.from({ length: 3000 }, (_, i) => make(i));
  gc({ type: 'minor' });
}
gc({ type: 'minor' });
const before = oldSpaceUsed();
const fresh = Array.from({ length: 3000 }, (_, i) => make(i));
const perObject = (oldSpaceUsed() - before) / fresh.length;
process.stdout.write(`${JSON.stringify({ oldSpaceBytesPerObject: perObject, kept: survivors.length })}\n`);
