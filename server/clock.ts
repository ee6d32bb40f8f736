/** The app's only source of time, so tests can move it. */
export interface Clock {
  now(): Date
}

export const systemClock: Clock = { now: () => new Date() }

/** A clock tests set by hand. */
export function fixedClock(
  start: Date,
): Clock & { set(date: Date): void; advance(ms: number): void } {
  let current = new Date(start)
  return {
    now: () => new Date(current),
    set: (date) => {
      current = new Date(date)
    },
    advance: (ms) => {
      current = new Date(current.getTime() + ms)
    },
  }
}
