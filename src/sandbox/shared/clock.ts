/**
 * Emulator clock: starts at the configured instant and then ticks with real time, so code and
 * token lifetimes behave like the real service while tests jump days ahead with advance()/set().
 */
export class SandboxClock {
  private base: number;
  private realAnchor: number;

  constructor(start: Date) {
    this.base = start.getTime();
    this.realAnchor = Date.now();
  }

  now(): Date {
    return new Date(this.base + (Date.now() - this.realAnchor));
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms)) throw new Error('clock.advance needs a finite number of ms');
    this.base += ms;
  }

  set(d: Date): void {
    if (Number.isNaN(d.getTime())) throw new Error('clock.set needs a valid date');
    this.base = d.getTime();
    this.realAnchor = Date.now();
  }
}
