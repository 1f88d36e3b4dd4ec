import type { Command } from 'commander';
import { NotesTagsStore } from '../../store/notes-tags.js';
import { out, withApp } from '../context.js';
import { clean } from '../output.js';
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
        out(note === null ? `Cleared the note of transaction ${id}.` : `Noted on transaction ${id}: ${clean(note)}`);
      });
    });
}
