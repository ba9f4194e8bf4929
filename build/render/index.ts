/** The render phase: the document model's converter, renderers by format, house style, output dates. */
export { buildRenderModel, type RenderModelInput } from '../document/buildRenderModel.js';
export type * from '../model/document.js';
export { FORMATS, RENDERERS, rendererFor } from './registry.js';
export type { RenderContext, Renderer, RenderResult } from './renderer.js';
export { DEFAULT_THEME, parseTheme, themeKeys, type Theme } from '../theme/theme.js';
export { loadHouseStyle, templatesDirFor, TemplateError, type HouseStyle } from '../theme/houseStyle.js';
export { resolveSourceDate, type SourceDate } from './output/sourceDate.js';
