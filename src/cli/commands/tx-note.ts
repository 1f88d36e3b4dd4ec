import type { Command } from 'commander';
import { NotesTagsStore } from '../../store/notes-tags.js';
import { out, withApp } from '../context.js';
import { clean, cliText } from '../output.js';
import { transactionId } from './tx-id.js';

export function registerTxNote(tx: Command): void {
  tx.command('note')
    .description('set the note of a transaction (an empty note clears it)')
    .argument('<id>', 'the transaction id (see `trax transactions` or `trax search`)')
    .argument('[text...]', 'the note, up to 10 KB; leave it out or pass "" to clear the note')
    .addHelpText(
      'after',
      '\nExamples:\n  trax tx note 42 "Geschenk für Oma"\n  trax tx note 42 ""        clears the note\n  trax search note:Oma',
    )
    .action(async (idText: string, words: string[]) => {
      const id = transactionId(idText);
      await withApp((app) => {
        const note = new NotesTagsStore(app.db).setNote(id, words.join(' '), app.now());
        const { m } = cliText();
        out(note === null ? m.cliNoteCleared(id) : m.cliNoted(id, clean(note)));
      });
    });
}
