import { setFlagsFromString } from 'node:v8';

/**
 * Turns off V8's allocation-site pretenuring for this process. Imported first by `server.ts`, before anything
 * allocates in earnest.
 *
 * V8 watches which allocation sites (an object or array literal in a function) produce objects that outlive a
 * young-generation collection, and once a site's objects all survive one, it allocates that site's objects directly
 * in the old generation from then on. One burst at start-up or during a slow moment decides it for good: pg's
 * row objects and their dates and strings then went to the old generation on every request, dead at once but kept,
 * along with what they point to, until a full collection. Measured on a primary-key read (issue 14,
 * docs/performance.md): 385 kB promoted per young collection instead of 5 kB, and each young collection took
 * 3 ms instead of 1 ms. A request server's objects live for one request, so the young generation is where they
 * belong; the flag is read at each collection, so setting it here (not on the command line, which the image, `npm
 * start`, the tests and the benchmark would each have to repeat) is in time.
 */
const V8_FLAGS = '--no-allocation-site-pretenuring';

setFlagsFromString(V8_FLAGS);
