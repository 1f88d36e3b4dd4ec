import { minorToDecimalString } from '../../domain/money.js';
import type { TagLine } from '../../reports/by-tag.js';
import { csvField } from '../../reports/export/text.js';
import type { Range } from '../../reports/period.js';
import { clean, colors, money, table } from '../output.js';

/** Printers for `trax report --by tag` (the numbers come from src/reports/by-tag.ts). */

function decimal(minor: number, currency: string): string {
  try {
    return minorToDecimalString(minor, currency);
  } catch {
    return minorToDecimalString(minor, 'EUR');
  }
}

export function tagReportText(label: string, lines: TagLine[]): string {
  if (lines.length === 0)
    return `No tagged transactions in ${label}. Tag one with \`trax tx tag ID +urlaub\`; \`trax search tag:urlaub\` finds them.`;
  const out: string[] = [colors.bold(`${label}`) + colors.dim(' · by tag')];
  for (const currency of [...new Set(lines.map((l) => l.currency))]) {
    const mine = lines.filter((l) => l.currency === currency);
    out.push(
      '',
      table(
        [`Tag (${currency})`, 'Spent', 'Income', 'Rows'],
        mine.map((l) => [`#${clean(l.tag)}`, money(l.spentMinor, currency), money(l.incomeMinor, currency), String(l.count)]),
      ),
    );
  }
  out.push('', colors.dim('A transaction with several tags counts under each. Transfers and pending excluded unless asked.'));
  return out.join('\n');
}

export function tagReportJson(period: Range & { label: string }, timezone: string, lines: TagLine[]) {
  return {
    period: { from: period.from, to: period.to, label: period.label },
    timezone,
    tags: lines.map((l) => ({
      tag: l.tag,
      currency: l.currency,
      spentMinor: l.spentMinor,
      spent: decimal(l.spentMinor, l.currency),
      incomeMinor: l.incomeMinor,
      income: decimal(l.incomeMinor, l.currency),
      count: l.count,
    })),
  };
}

export function tagReportCsv(lines: TagLine[]): string {
  const rows = [['tag', 'currency', 'spent', 'spent_minor', 'income', 'income_minor', 'count'].join(',')];
  for (const l of lines)
    rows.push(
      [
        csvField(l.tag, true),
        csvField(l.currency),
        csvField(decimal(l.spentMinor, l.currency)),
        csvField(l.spentMinor),
        csvField(decimal(l.incomeMinor, l.currency)),
        csvField(l.incomeMinor),
        csvField(l.count),
      ].join(','),
    );
  return `${rows.join('\r\n')}\r\n`;
}
