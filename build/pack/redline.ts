/**
 * The pack's one seam to the redline work (`regmark redline`): the change tree comes from `redlineModel`
 * (build/diff/redlineDocuments.ts), and the registered DOCX and PDF renderers draw it as tracked changes. The pack
 * never draws changes itself.
 */
import type { Corpus } from '../model/corpus.js';
import { redlineFileStem, redlineModel, type RedlineModelInput } from '../diff/redlineModel.js';
import type { RedlineDocument } from '../diff/diffDocuments.js';
import { rendererFor } from '../render/registry.js';
import type { RenderDocument } from '../model/document.js';

/** What a pack knows of an annex's redline: the redline command's input, with a baseline that always exists. */
export type RedlineInput = Omit<RedlineModelInput, 'base' | 'notes' | 'timings'> & { base: Corpus };

export interface RedlineJob {
  format: string;
  extension: string;
  name: string;
  model: RenderDocument;
}

export interface AnnexRedline {
  model: RedlineDocument;
  /** "SEC Appendix AM v17.0 redline against v16.0" */
  stem: string;
  jobs(): RedlineJob[];
}

export function annexRedline(input: RedlineInput, formats: readonly string[]): AnnexRedline {
  const model = redlineModel(input);
  const stem = redlineFileStem(model, model.redline.baseMissing ? undefined : model.redline.baseVersion, input.baseLabel);
  return {
    model,
    stem,
    jobs: () =>
      formats.map((format) => {
        const renderer = rendererFor(format)!;
        return {
          format,
          extension: renderer.extension,
          name: `${stem}.${renderer.extension}`,
          // A redline document is a render document whose blocks carry marks; the renderers draw both.
          model: model as unknown as RenderDocument,
        };
      }),
  };
}
