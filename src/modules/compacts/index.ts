// The compacts module's front door: what other modules may call (STYLE.md §13).

export { compactsRoutes } from './routes.js';
export { checkArticles, type ArticleInput, type LegalityFlag, type LegalityRuleInput } from './legality.js';
export { legalityFlagsAt } from './legality-service.js';
