/**
 * node:crypto, loaded when first used. Loading it takes some 5 ms, which a check that finds nothing changed (it
 * hashes nothing) would otherwise spend at every start.
 */
import { createRequire } from 'node:module';
import type { Hash } from 'node:crypto';

type Crypto = typeof import('node:crypto');
let crypto: Crypto | undefined;
const load = (): Crypto => (crypto ??= createRequire(import.meta.url)('node:crypto') as Crypto);

export const sha256 = (): Hash => load().createHash('sha256');

export const randomToken = (): string => load().randomUUID();
