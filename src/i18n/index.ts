export { en, zhCN, type Strings } from './strings.js';
export { registerTranslation, translate, langOf, type StringKey } from './localize.js';
