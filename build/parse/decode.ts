/** Bytes → text: strips a BOM, and finds the first byte that is not UTF-8 so the author can be pointed at it. */
import type { OffsetDiagnostic } from '../model/corpus.js';

export interface DecodedText {
  text: string;
  /** Offset (in the decoded text) of the first invalid byte, if any. */
  invalidAt?: number;
}

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const lenient = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });

export function decodeUtf8(bytes: Uint8Array): DecodedText {
  try {
    return { text: strict.decode(bytes) };
  } catch {
    const text = lenient.decode(bytes);
    return { text, invalidAt: Math.max(0, text.indexOf('\uFFFD')) };
  }
}

/** The diagnostic a decoding earns: none, or one pointing at the first byte that is not UTF-8. */
export function encodingDiagnostics(decoded: DecodedText): OffsetDiagnostic[] {
  return decoded.invalidAt === undefined ? [] : [{ code: 'unreadable-file', offset: decoded.invalidAt, message: 'file is not valid UTF-8 here; invalid bytes read as U+FFFD (save the file as UTF-8)' }];
}
