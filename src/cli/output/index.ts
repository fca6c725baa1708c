export * from './stdout.js';
export * from './format.js';
export { stringifyJson } from '../../io/json.js';
