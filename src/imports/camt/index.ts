export { camt052Parser, camt053Parser, camt054Parser } from './parser.js';
