export { extractArticle, type ExtractedArticle } from './article.js';
export { WebSelectorError } from './errors.js';
export { parseHtmlDocument } from './html-document.js';
export { parseListPage, selectorProblem, type ListPage, type ListPageItem, type ListSelectors } from './list-page.js';
export { webAdapter, webSourceConfigSchema, type WebSourceConfig } from './adapter.js';
