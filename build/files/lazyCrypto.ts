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

/** The SHA-256 of `data` (a string as UTF-8), in hex. */
export const sha256Hex = (data: string | Uint8Array): string => sha256().update(data).digest('hex');

export const randomToken = (): string => load().randomUUID();
