import type { Command } from 'commander';
import { undoBulk, undoHistory } from '../../categorize/undo.js';
import { TraxError } from '../../domain/errors.js';
import { out, withApp } from '../context.js';
import { cliText, json, table } from '../output.js';

export function registerUndo(program: Command): void {
  program
    .command('undo')
    .description('undo the last bulk recategorization (rules add/import, --similar, categorize --all)')
    .argument('[change]', 'the change to undo; it must be the newest (see --list)')
    .option('--list', 'show the recorded changes instead, newest first')
    .option('--json', 'print as JSON')
    .addHelpText(
      'after',
      `
Puts back the categories the change replaced, removes the rules it created, and restores the
choice and the learned model it replaced. A transaction that changed again since keeps its newer
category. The newest ${20} changes are kept.`,
    )
    .action(async (change: string | undefined, o: { list?: boolean; json?: boolean }) => {
      const t = cliText();
      if (change !== undefined && !/^\d+$/.test(change)) throw new TraxError('usage', t.m.cliNotAChange(change));
      await withApp((app) => {
        if (o.list) {
          const all = undoHistory(app);
          if (o.json) return out(json(all));
          if (!all.length) return out(t.m.cliNoBulk);
          return out(
            table(
              t.m.cliUndoHead.split('|'),
              all.map((b) => [
                String(b.id),
                `${t.day(b.createdAt.slice(0, 10))} ${b.createdAt.slice(11, 16)}`,
                b.summary,
                String(b.rows),
                b.undoneAt ? t.m.cliYes : '',
              ]),
            ),
          );
        }
        const r = undoBulk(app, change === undefined ? undefined : Number(change));
        if (o.json) return out(json(r));
        out(t.m.cliUndid(r.summary, r.restored, r.rulesRemoved, r.kept));
      });
    });
}
