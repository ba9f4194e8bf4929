/** The render phase: render model, renderers by format, and the build that writes them. */
export { buildDocuments, BuildError, parseFormats, type BuildOptions, type BuildReport, type BuiltFile } from './buildDocuments.js';
export { buildRenderModel, type RenderModelInput } from './model/buildRenderModel.js';
export type * from './model/types.js';
export { FORMATS, RENDERERS, rendererFor } from './registry.js';
export type { RenderContext, Renderer, RenderResult } from './renderer.js';
export { DEFAULT_THEME, parseTheme, themeKeys, type Theme } from './theme/theme.js';
export { loadHouseStyle, templatesDirFor, TemplateError, type HouseStyle } from './theme/houseStyle.js';
export { resolveSourceDate, type SourceDate } from './output/sourceDate.js';
