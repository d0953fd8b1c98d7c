/** The service's notion of now (tests move it: recognition happens in January). */
export abstract class Clock {
  abstract now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
