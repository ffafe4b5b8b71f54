/** Durations for people: `99 h 59 min`, `4 min 12 s`, `12 s`, `89 d 23 h`; expiry as `expired 3 min ago`. */

const SECOND = 1000
const MINUTE = 60 * SECOND
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/** Two units, largest first. Days only above five days, so a 100-hour token reads `99 h 59 min`. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / SECOND)) * SECOND
  if (total > 5 * DAY) {
    const d = Math.floor(total / DAY)
    const h = Math.floor((total % DAY) / HOUR)
    return `${d} d ${h} h`
  }
  if (total >= HOUR) {
    const h = Math.floor(total / HOUR)
    const m = Math.floor((total % HOUR) / MINUTE)
    return `${h} h ${m} min`
  }
  if (total >= MINUTE) {
    const m = Math.floor(total / MINUTE)
    const s = Math.floor((total % MINUTE) / SECOND)
    return `${m} min ${s} s`
  }
  return `${Math.floor(total / SECOND)} s`
}

/** One unit, for things in the past: `3 min`, `2 h`, `5 s`, `4 d`. */
export function formatAgo(ms: number): string {
  const t = Math.max(0, ms)
  if (t >= 2 * DAY) return `${Math.floor(t / DAY)} d`
  if (t >= HOUR) return `${Math.floor(t / HOUR)} h`
  if (t >= MINUTE) return `${Math.floor(t / MINUTE)} min`
  return `${Math.floor(t / SECOND)} s`
}

/** `4 min 12 s` while `at` is ahead of `now`; `expired 3 min ago` once it has passed. */
export function formatRemaining(at: number, now: number): string {
  const left = at - now
  if (left > 0) return formatDuration(left)
  return `expired ${formatAgo(-left)} ago`
}

export function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`
}
