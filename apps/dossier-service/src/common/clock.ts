/** Where "now" comes from; tests replace it to move time (deadlines, the overdue scheduler). */
export interface Clock {
  now(): Date;
}

export const CLOCK = Symbol('DOSSIER_CLOCK');

export const systemClock: Clock = { now: () => new Date() };

/** A clock tests can set and advance. */
export class ManualClock implements Clock {
  constructor(private current: Date = new Date()) {}
  now(): Date {
    return new Date(this.current.getTime());
  }
  set(instant: Date | string): void {
    this.current = new Date(instant);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}
