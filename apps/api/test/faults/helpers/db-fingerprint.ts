import { MODULE_NAMES } from '@shoestring/contract';
import { databaseFingerprint as fingerprintOf } from '@shoestring/dbtools';
import type pg from 'pg';

/** A hash of every row of every table of the modules' schemas: equal fingerprints mean nothing was written. */
export function databaseFingerprint(client: pg.Client): Promise<string> {
  return fingerprintOf(client, MODULE_NAMES);
}
