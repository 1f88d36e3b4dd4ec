import { openApp, type App } from '../app.js';
import { loadConfig } from '../config/index.js';
import { cliBanner } from '../reminders/index.js';

// Set once per process by main.ts for commands that write (see its command table): they run the
// full-file quick_check before touching the database, read commands only the O(1) checks.
let checkIntegrity = false;

export function checkIntegrityOnOpen(): void {
  checkIntegrity = true;
}

/** Opens the app for one command and always closes the database afterwards. */
export async function withApp<T>(fn: (app: App) => Promise<T> | T): Promise<T> {
  const app = openApp(loadConfig(), { checkIntegrity });
  try {
    // Expiring or broken bank consents, at most once a day, on stderr so scripts' stdout stays clean.
    const banner = cliBanner(app, app.now());
    if (banner) process.stderr.write(`${banner}\n`);
    return await fn(app);
  } finally {
    app.close();
  }
}

/** A command's printer: stdout for data, stderr for progress so `--json` output stays clean. */
export const out = (s: string) => process.stdout.write(`${s}\n`);
export const progress = (s: string) => process.stderr.write(`${s}\n`);
