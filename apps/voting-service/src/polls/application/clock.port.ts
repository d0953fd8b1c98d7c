/** Port: the service's clock (tests pass a movable one to open and close polls). */
export abstract class Clock {
  abstract now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
