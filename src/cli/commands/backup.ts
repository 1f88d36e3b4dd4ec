import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig, type Config } from '../../config/index.js';
import { TraxError } from '../../domain/errors.js';
import { KEY_FILE } from '../../security/key.js';
import { backupDatabase, restoreDatabase } from '../../store/backup.js';
import { out, withApp } from '../context.js';
import { cliText, colors } from '../output.js';

/** Tokens in the database are sealed with this key: a backup without it cannot sync. */
function keyReminder(config: Config): string {
  const { m } = cliText();
  return config.secretKeyHex ? m.cliKeepEnvKey : m.cliKeepKeyFile(path.join(config.dataDir, KEY_FILE));
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export function registerBackup(program: Command): void {
  program
    .command('backup')
    .description('copy the database to a file, safely while Trax runs')
    .argument('<file>', 'where to write the copy (outside the data dir, e.g. on another disk)')
    .option('--force', 'replace FILE if it exists')
    .addHelpText(
      'after',
      `
Uses SQLite's online backup, so it is consistent even while \`trax serve\` or a sync is writing.
The copy is checked (quick_check) before it replaces anything, and is readable only by you (0600).
Bank tokens stay encrypted in the copy: keep secret.key (or TRAX_SECRET_KEY) with it.

Examples:
  trax backup ~/backups/trax-$(date +%F).sqlite
  trax backup /mnt/usb/trax.sqlite --force`,
    )
    .action(async (file: string, opts: { force?: boolean }) => {
      await withApp(async (app) => {
        const r = await backupDatabase(app.db, file, { force: opts.force === true });
        out(`${colors.green('✔')} ${cliText().m.cliBackedUp(r.transactions, r.file, mb(r.bytes))}`);
        out(keyReminder(app.config));
      });
    });
}

export function registerRestore(program: Command): void {
  program
    .command('restore')
    .description('replace the database with a backup made by `trax backup`')
    .argument('<file>', 'the backup to restore')
    .addHelpText(
      'after',
      `
The backup is checked first (a Trax database, undamaged); nothing changes if it is not. The
current database, even a damaged or empty one, is kept as trax.sqlite.before-restore. Stop
\`trax serve\` and scheduled syncs first: restore refuses while another process has the database
open. The tokens in the backup need the secret.key (or TRAX_SECRET_KEY) of when it was made.

Examples:
  trax restore ~/backups/trax-2026-11-30.sqlite`,
    )
    .action(async (file: string) => {
      const config = loadConfig();
      const r = await restoreDatabase(config.dataDir, file);
      const { m } = cliText();
      out(`${colors.green('✔')} ${m.cliRestored(r.transactions, path.resolve(file))}`);
      if (r.asideAs) out(m.cliRestoredAside(r.asideAs));
      // The restored tokens are only useful with the key they were sealed with; say so now, not at the next sync.
      await withApp((app) => {
        const sealed = app.connections.list().find((c) => c.sealedSecrets)?.sealedSecrets;
        if (!sealed) return;
        try {
          app.vault.open(sealed);
        } catch (e) {
          if (!(e instanceof TraxError)) throw e;
          out(`${colors.yellow('!')} ${m.cliRestoredOtherKey}`);
        }
      });
    });
}
