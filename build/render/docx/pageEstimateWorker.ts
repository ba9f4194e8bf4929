/** Worker-thread entry of PageEstimator: lays out each model it is sent and answers with its anchors' pages. */
import { parentPort } from 'node:worker_threads';
import type { RenderDocument } from '../../model/document.js';
import type { Theme } from '../../theme/theme.js';
import { estimatePages } from './pageEstimate.js';

parentPort?.on('message', (message: { id: number; model: RenderDocument; theme: Theme; wordFont: string }) => {
  try {
    parentPort!.postMessage({ id: message.id, pages: [...estimatePages(message.model, message.theme, message.wordFont)] });
  } catch (error) {
    parentPort!.postMessage({ id: message.id, error: (error as Error).message ?? String(error) });
  }
});
