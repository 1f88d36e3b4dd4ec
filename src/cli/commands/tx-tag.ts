import type { Command } from 'commander';
import { TraxError } from '../../domain/errors.js';
import { NotesTagsStore } from '../../store/notes-tags.js';
import { out, withApp } from '../context.js';
import { cliText } from '../output.js';
import { transactionId } from './tx-id.js';

/** "+urlaub" and "urlaub" add, "-work" removes. */
function splitChanges(words: string[]): { add: string[]; remove: string[] } {
  const add: string[] = [];
  const remove: string[] = [];
  for (const w of words) {
    if (w.startsWith('-')) remove.push(w.slice(1));
    else add.push(w.startsWith('+') ? w.slice(1) : w);
  }
  return { add, remove };
}

export function registerTxTag(tx: Command): void {
  tx.command('tag')
    .description('add (+tag) or remove (-tag) tags of a transaction')
    .argument('<id>', 'the transaction id (see `trax transactions` or `trax search`)')
    .argument('<changes...>', '+tag to add (a bare tag adds too), -tag to remove; a tag is one word')
    // "-work" is a tag to remove, not an option.
    .allowUnknownOption()
    .addHelpText(
      'after',
      '\nExamples:\n  trax tx tag 42 +urlaub +urlaub-sylt-2026\n  trax tx tag 42 -work\n  trax search tag:urlaub',
    )
    .action(async (idText: string, words: string[]) => {
      const id = transactionId(idText);
      const { add, remove } = splitChanges(words);
      if (add.length + remove.length === 0) throw new TraxError('usage', cliText().m.cliTagsWhich);
      await withApp((app) => {
        const tags = new NotesTagsStore(app.db).changeTags(id, add, remove, app.now());
        const { m } = cliText();
        out(tags.length ? m.cliTagged(id, tags.map((tag) => `#${tag}`).join(' ')) : m.cliNoTags(id));
      });
    });
}
