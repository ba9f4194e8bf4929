/**
 * Between two documents of a large build, what the first one left behind (its layout, its pdfkit and docx objects)
 * is garbage; V8 collects it lazily and lets the heap grow meanwhile. Collecting it between documents keeps a build
 * of the whole code well inside its memory budget. Small builds never pay for it.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Below this much heap in use, the next document simply goes ahead. */
const THRESHOLD_BYTES = 192 * 1024 * 1024;

let collect: (() => void) | undefined | null = null;

export function releaseMemory(): void {
  if (process.memoryUsage().heapUsed < THRESHOLD_BYTES) return;
  if (collect === null) {
    try {
      setFlagsFromString('--expose-gc');
      collect = runInNewContext('gc') as () => void;
    } catch {
      collect = undefined;
    }
  }
  collect?.();
}
