export { mt940Parser, mt942Parser } from './parser.js';
