/**
 * The sandbox clock: real time plus an adjustable offset, so a demo or a test can make a
 * 100-hour token expire without waiting. Everything that expires or is time-stamped at
 * runtime reads this clock, never Date.now() directly.
 */
export class SandboxClock {
  private offsetMs = 0

  now(): number {
    return Date.now() + this.offsetMs
  }

  nowIso(): string {
    return new Date(this.now()).toISOString()
  }

  get offset(): number {
    return this.offsetMs
  }

  advance(seconds: number): number {
    this.offsetMs += Math.round(seconds * 1000)
    return this.now()
  }

  reset(): void {
    this.offsetMs = 0
  }
}
