/**
 * The app's one way to show a moment, in the user's locale (the same wherever a time appears:
 * token, flow trace, history, responses). Seconds are shown because token work happens in seconds.
 */
const timeOnly = (): Intl.DateTimeFormat =>
  new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' })
const dateAndTime = (): Intl.DateTimeFormat =>
  new Intl.DateTimeFormat(undefined, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  })

/** The time alone when `at` is today, else the date as well. */
export function formatTime(at: number, now = Date.now()): string {
  const sameDay = new Date(now).toDateString() === new Date(at).toDateString()
  return (sameDay ? timeOnly() : dateAndTime()).format(at)
}

/** Always with the date (tooltips, copied text). */
export function formatFullTime(at: number): string {
  return dateAndTime().format(at)
}
