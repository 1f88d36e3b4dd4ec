export { qifParser } from './parser.js';
