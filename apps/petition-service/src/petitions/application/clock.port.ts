/** Port: the service's clock (tests pass a fixed or movable one). */
export abstract class Clock {
  abstract now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
