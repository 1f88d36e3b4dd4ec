// tsc emits only compiled .ts: the SQL migrations and the web app's static files ship beside it.
import { cpSync } from 'node:fs';
cpSync('src/store/migrations', 'dist/src/store/migrations', { recursive: true });
cpSync('src/web/static', 'dist/src/web/static', { recursive: true });
