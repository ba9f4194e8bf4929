/** What a renderer is: a format name, a file extension, and a function from the render model to bytes. */
import type { RenderDocument } from '../model/document.js';
import type { Theme } from '../theme/theme.js';

export interface RenderContext {
  theme: Theme;
  /** The file name (same folder) of another document's output in this renderer's format, when it is in the build. */
  fileFor(doc: string): string | undefined;
  /** The cache folder, when caching is on: the PDF renderer keeps its shaped words there. */
  cacheDir?: string;
}

export interface RenderResult {
  bytes: Uint8Array;
  /** What the renderer could not show as the model asks; printed by the build, never swallowed. */
  warnings: string[];
}

export interface Renderer {
  format: string;
  extension: string;
  description: string;
  render(model: RenderDocument, context: RenderContext): Promise<RenderResult>;
}
