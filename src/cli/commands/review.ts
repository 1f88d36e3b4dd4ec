import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import type { App } from '../../app.js';
import { TraxError } from '../../domain/errors.js';
import {
  accept,
  changeCategory,
  markReviewed,
  notDuplicate,
  notTransfer,
  type AcceptResult,
  type NotTransferResult,
} from '../../review/actions.js';
import { reviewQueue, type ReviewItem, type ReviewTransaction } from '../../review/queue.js';
import { out, withApp } from '../context.js';
import { formatAmount, formatPercent } from '../../i18n/format.js';
import { clean, cliText, colors, json, type CliText } from '../output.js';
import { isYes, setCategoryWithPreview } from './categorize.js';

const idArg = (t: CliText, v: string, duplicate = false): number => {
  if (!/^\d+$/.test(v)) throw new TraxError('usage', t.m.cliReviewBadId(v, duplicate));
  return Number(v);
};

const limitArg = (t: CliText, v: string): number => {
  if (!/^\d+$/.test(v) || Number(v) < 1) throw new TraxError('usage', t.m.cliReviewBadLimit(v));
  return Number(v);
};

const acceptedText = (t: CliText, r: AcceptResult) =>
  `${colors.green('✔')} ${t.m.cliReviewKept(
    t.category(r.category, r.categoryName),
    r.transactionIds.map((id) => `#${id}`).join(` ${t.m.reviewAnd} `),
  )}`;

/** English has always named the slug here; other languages name the category in their words. */
const unpairedText = (app: App, t: CliText, r: NotTransferResult) =>
  `${colors.green('✔')} ${t.m.reviewUnpaired(
    r.rows
      .map((x) =>
        t.m.reviewRowIs(x.id, t.lang === 'en' ? x.category : t.category(x.category, app.categories.resolve(x.category).name)),
      )
      .join(', '),
  )}`;

/** The review marker as a person reads it: minutes, UTC (the JSON keeps the full instant). */
const instantText = (iso: string) => iso.slice(0, 16).replace('T', ' ');

function categoryText(t: CliText, tx: ReviewTransaction): string {
  if (!tx.categoryName || tx.category === 'uncategorized') return colors.yellow(t.m.cliReviewUncategorized);
  const sure = tx.confidence !== null && tx.confidence < 1 ? ` ${formatPercent(tx.confidence, t.lang)}` : '';
  const source = tx.categorySource === null ? '?' : t.m.cliCategorySource(tx.categorySource);
  return `${clean(t.category(tx.category, tx.categoryName))}${colors.dim(` (${source}${sure})`)}`;
}

/** Padded before it is coloured: the colour's escape codes would count as width and shift the column. */
const amountText = (t: CliText, tx: ReviewTransaction) => {
  const plain = formatAmount(tx.amountMinor, tx.currency, t.lang).padStart(14);
  return tx.amountMinor < 0 ? colors.red(plain) : plain;
};

const txText = (t: CliText, tx: ReviewTransaction) =>
  `${t.day(tx.date)}  ${amountText(t, tx)}  ${clean(tx.merchant ?? tx.description).slice(0, 48)}`;

/** One inbox entry as lines of text; bank text is cleaned of terminal escapes. */
export function describeItem(item: ReviewItem, t: CliText = cliText()): string {
  const why = colors.dim(`[${item.reasons.map((r) => t.m.cliReviewReason(r)).join(', ')}]`);
  if (item.kind === 'duplicate') {
    const r = item.row;
    const from = item.source === 'sync' ? t.m.cliReviewSyncedRow : t.m.cliReviewFileRow;
    return [
      `${colors.bold(t.m.cliReviewDuplicate(item.id))} ${why} ${from}: ${t.day(r.date)}  ${t.money(r.amountMinor, r.currency)}  ${clean(r.description).slice(0, 48)}`,
      ...item.candidates.map((c) => `  ${t.m.reviewCouldBe(c.id)} ${txText(t, c)}`),
    ].join('\n');
  }
  const head = `${colors.bold(`#${item.id}`)}  ${txText(t, item.transaction)}  ${categoryText(t, item.transaction)} ${why}`;
  if (item.kind === 'transaction') return head;
  return item.pair
    ? `${head}\n  ${t.m.reviewPairedWith(item.pair.id, clean(item.pair.accountName))} ${txText(t, item.pair)}`
    : `${head}\n  ${t.m.reviewOwnAccount}`;
}

const hasCategory = (t: ReviewTransaction) => t.category !== null && t.category !== 'uncategorized';

/** The keys this entry takes: no "accept" for a row without a category, no "t" unless a transfer. */
function keysFor(t: CliText, item: ReviewItem): string {
  if (item.kind === 'duplicate') return t.m.cliReviewKeysDuplicate;
  return t.m.cliReviewKeys(hasCategory(item.transaction), item.kind === 'transfer');
}

type Ask = (prompt: string) => Promise<string | null>;

/** Lines from stdin as answers; null once it closes (Ctrl-D counts as quit). */
function lineReader(): { ask: Ask; close: () => void } {
  const rl = createInterface({ input: process.stdin, terminal: false });
  const queued: string[] = [];
  let waiting: ((line: string | null) => void) | null = null;
  let closed = false;
  rl.on('line', (line) => {
    if (waiting) {
      const w = waiting;
      waiting = null;
      w(line);
    } else queued.push(line);
  });
  rl.on('close', () => {
    closed = true;
    waiting?.(null);
    waiting = null;
  });
  return {
    ask: (prompt) => {
      process.stdout.write(prompt);
      if (queued.length) return Promise.resolve(queued.shift()!);
      if (closed) return Promise.resolve(null);
      return new Promise((resolve) => (waiting = resolve));
    },
    close: () => rl.close(),
  };
}

/** Applies one typed answer: done, asked again (the user said no to a preview), or not an answer here. */
async function answer(app: App, t: CliText, item: ReviewItem, line: string, ask: Ask): Promise<'done' | 'again' | 'invalid'> {
  const [key, ...rest] = line.trim().split(/\s+/);
  const similar = rest.includes('--similar');
  const words = rest.filter((w) => w !== '--similar');
  if (item.kind === 'duplicate') {
    if (key !== 'd') return 'invalid';
    notDuplicate(app, item.id);
    out(`${colors.green('✔')} ${t.m.cliReviewOwnBooking(item.id)}`);
    return 'done';
  }
  if (key === 'a' && !hasCategory(item.transaction)) {
    out(t.m.cliReviewNothingToAccept);
    return 'again';
  }
  if (key === 'a') {
    out(acceptedText(t, accept(app, item.id)));
    return 'done';
  }
  if (key === 'c') {
    if (!words.length) throw new TraxError('usage', t.m.cliReviewTypeCategory);
    const r = await setCategoryWithPreview(app, item.id, words.join(' '), { similar }, changeCategory, async (q) =>
      isYes((await ask(q)) ?? ''),
    );
    if (r !== null) return 'done';
    // Saying no to the preview is an answer to that question, not a failed command.
    process.exitCode = undefined;
    return 'again';
  }
  if (key === 't' && item.kind === 'transfer') {
    const r = notTransfer(app, item.id, words.length ? words.join(' ') : undefined);
    out(unpairedText(app, t, r));
    return 'done';
  }
  return 'invalid';
}

/** One entry at a time; reaching the end marks the inbox reviewed, `q` leaves it as it is. */
async function interactive(app: App, t: CliText): Promise<void> {
  const queue = reviewQueue(app);
  if (!queue.items.length) {
    out(t.m.reviewEmpty);
    return;
  }
  const { ask, close } = lineReader();
  let answered = 0;
  let skipped = 0;
  try {
    for (const [i, item] of queue.items.entries()) {
      out(`\n${colors.dim(`${i + 1}/${queue.total}`)} ${describeItem(item, t)}`);
      for (;;) {
        const line = await ask(`${keysFor(t, item)} > `);
        const key = line?.trim().split(/\s+/)[0];
        if (line === null || key === 'q') {
          out(t.m.cliReviewStopped(answered, skipped));
          return;
        }
        if (key === 's') {
          skipped++;
          break;
        }
        try {
          const result = await answer(app, t, item, line, ask);
          if (result === 'done') {
            answered++;
            break;
          }
          if (result === 'invalid') out(t.m.cliReviewNotAnAnswer(clean(line.trim()), keysFor(t, item)));
        } catch (e) {
          if (!(e instanceof TraxError)) throw e;
          out(`${colors.red('✖')} ${e.messageIn(t.m)}`);
        }
      }
    }
    markReviewed(app);
    out(`\n${t.m.cliReviewDone(answered, skipped)}`);
  } finally {
    close();
  }
}

function list(app: App, t: CliText, o: { json?: boolean; limit?: string }): void {
  const limit = o.limit === undefined ? undefined : limitArg(t, o.limit);
  const queue = reviewQueue(app, limit === undefined ? {} : { limit });
  if (o.json) {
    out(json(queue));
    return;
  }
  if (!queue.items.length) {
    out(t.m.reviewEmpty);
    return;
  }
  for (const item of queue.items) out(describeItem(item, t));
  if (queue.total > queue.items.length) out(colors.dim(t.m.cliReviewMore(queue.total - queue.items.length)));
  out(`\n${t.m.cliReviewAnswerWith}`);
}

export function registerReview(program: Command): void {
  const cmd = program
    .command('review')
    .description('the review inbox: new, uncategorized and doubtful transactions, answered one keystroke each')
    .option('--json', 'print the inbox as JSON (for scripts)')
    .option('--limit <n>', 'at most this many transactions (default 500)')
    .addHelpText('after', cliText().m.cliHelpAfterReview)
    .action(async (o: { json?: boolean; limit?: string }) => {
      const t = cliText();
      await withApp((app) => (process.stdin.isTTY && !o.json ? interactive(app, t) : list(app, t, o)));
    });

  cmd
    .command('accept')
    .description('keep the category a transaction has (both halves of a suggested transfer), as your choice')
    .addHelpText('after', cliText().m.cliHelpAfterReviewAccept)
    .argument('<id>', 'transaction id')
    .action(async (id: string) => {
      const t = cliText();
      const n = idArg(t, id);
      await withApp((app) => out(acceptedText(t, accept(app, n))));
    });

  cmd
    .command('category')
    .description('choose the category, exactly like `trax categorize set`')
    .addHelpText('after', cliText().m.cliHelpAfterReviewCategory)
    .argument('<id>', 'transaction id')
    .argument('<category>', 'category slug or name')
    .option('--similar', 'also create a rule for similar transactions (shows them and asks first)')
    .option('--yes', 'with --similar: apply without asking (for scripts)')
    .action(async (id: string, category: string, o: { similar?: boolean; yes?: boolean }) => {
      const n = idArg(cliText(), id);
      await withApp((app) => setCategoryWithPreview(app, n, category, o, changeCategory));
    });

  cmd
    .command('not-duplicate')
    .description('a possible duplicate is a booking of its own')
    .addHelpText('after', cliText().m.cliHelpAfterReviewNotDuplicate)
    .argument('<id>', 'the duplicate id `trax review` shows (the same as `trax import review`)')
    .action(async (id: string) => {
      const t = cliText();
      const n = idArg(t, id, true);
      await withApp((app) => {
        const item = notDuplicate(app, n);
        out(
          `${colors.green('✔')} ${t.m.cliReviewDuplicateOwn(item.id, t.day(item.row.bookingDate), clean(item.row.description))}`,
        );
      });
    });

  cmd
    .command('not-transfer')
    .description('unpair a suggested transfer; it is not suggested again')
    .addHelpText('after', cliText().m.cliHelpAfterReviewNotTransfer)
    .argument('<id>', 'either half of the pair')
    .argument('[category]', 'the category it really is (your choice)')
    .action(async (id: string, category: string | undefined) => {
      const t = cliText();
      const n = idArg(t, id);
      await withApp((app) => out(unpairedText(app, t, notTransfer(app, n, category))));
    });

  cmd
    .command('done')
    .description('mark everything that came in until now as reviewed')
    .addHelpText('after', cliText().m.cliHelpAfterReviewDone)
    .action(async () => {
      await withApp((app) => {
        out(cliText().m.cliReviewedUpTo(instantText(markReviewed(app))));
      });
    });
}
