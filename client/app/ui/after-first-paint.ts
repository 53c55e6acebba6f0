// Work a start can put off until the first screen is painted: on two cores, a start that also boots the
// local database, opens sockets and confirms the session before it draws makes the agent wait for all of
// it. A hidden tab paints no frames, so a timer runs the work anyway.

/** At the latest, the work runs this long after it was asked for. */
const latestMs = 500

/** Runs `work` once, after the next frame has been painted (or after a moment when no frame comes). */
export function afterFirstPaint(work: () => void): void {
  let done = false
  const run = () => {
    if (done) return
    done = true
    work()
  }
  // A frame's callbacks run before it is painted; a task queued from them runs after.
  requestAnimationFrame(() => setTimeout(run, 0))
  setTimeout(run, latestMs)
}
