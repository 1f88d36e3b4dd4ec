import { addDays, diffDays, nextBusinessDay, previousBusinessDay, withDayOfMonth } from '../../shared/dates.js';
import { addMonths } from '../dates.js';
import { FUTURE_DAYS, HISTORY_DAYS } from './types.js';

/** The generation window of a persona: [first, last] calendar days inclusive. */
export class Window {
  readonly first: string;
  readonly last: string;

  /** Defaults to the emulator's window around the start day; `first`/`last` pick another span. */
  constructor(startDay: string, first = addDays(startDay, -HISTORY_DAYS), last = addDays(startDay, FUTURE_DAYS)) {
    this.first = first;
    this.last = last;
  }

  contains(day: string): boolean {
    return day >= this.first && day <= this.last;
  }

  days(): string[] {
    const out: string[] = [];
    const n = diffDays(this.last, this.first);
    for (let i = 0; i <= n; i++) out.push(addDays(this.first, i));
    return out;
  }

  /** First day of every month touching the window (plus one before, for month-end spill-over). */
  months(): string[] {
    const out: string[] = [];
    let m = addMonths(withDayOfMonth(this.first, 1), -1);
    while (m <= this.last) {
      out.push(m);
      m = addMonths(m, 1);
    }
    return out;
  }
}

/** Standing orders and direct debits run on the next business day when the due day is a weekend. */
export function dueForward(month: string, dom: number): string {
  return nextBusinessDay(withDayOfMonth(month, dom));
}

/** Salaries are paid early rather than late. */
export function dueBackward(month: string, dom: number): string {
  return previousBusinessDay(withDayOfMonth(month, dom));
}

export function monthLabel(month: string): { mm: string; yyyy: string; yy: string } {
  return { mm: month.slice(5, 7), yyyy: month.slice(0, 4), yy: month.slice(2, 4) };
}
