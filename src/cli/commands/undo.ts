import type { Command } from 'commander';
import { undoBulk, undoHistory } from '../../categorize/undo.js';
import { TraxError } from '../../domain/errors.js';
import { out, withApp } from '../context.js';
import { json, table } from '../output.js';

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
      if (change !== undefined && !/^\d+$/.test(change))
        throw new TraxError('usage', `"${change}" is not a change number; \`trax undo --list\` shows them.`);
      await withApp((app) => {
        if (o.list) {
          const all = undoHistory(app);
          if (o.json) return out(json(all));
          if (!all.length) return out('No bulk recategorizations recorded yet.');
          return out(
            table(
              ['Change', 'When', 'What', 'Rows', 'Undone'],
              all.map((b) => [
                String(b.id),
                b.createdAt.slice(0, 16).replace('T', ' '),
                b.summary,
                String(b.rows),
                b.undoneAt ? 'yes' : '',
              ]),
            ),
          );
        }
        const r = undoBulk(app, change === undefined ? undefined : Number(change));
        if (o.json) return out(json(r));
        const rows = `${r.restored} transaction${r.restored === 1 ? '' : 's'}`;
        const rules = r.rulesRemoved ? `, removed ${r.rulesRemoved} rule${r.rulesRemoved === 1 ? '' : 's'}` : '';
        const kept = r.kept ? ` ${r.kept} changed again since and kept their newer category.` : '';
        out(`Undid "${r.summary}": restored the categories of ${rows}${rules}.${kept}`);
      });
    });
}
