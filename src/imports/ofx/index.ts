export { ofxParser, ofxDate } from './parser.js';
