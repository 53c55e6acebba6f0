// A worker that exists only once it is asked for. PGliteWorker needs its worker when it is constructed
// (the page's database object is usable at once), but a start should neither fetch nor boot the local
// database's worker before its first screen is drawn: listeners and messages given until then are handed
// to the real worker when it is created.

type Listener = [type: string, listener: EventListenerOrEventListenerObject, options?: AddEventListenerOptions | boolean]

export interface DeferredWorker {
  /** Stands in for the worker wherever one is expected (PGliteWorker uses these four methods). */
  readonly worker: Worker
  /** Creates the real worker (once). */
  create(): void
  /** Whether the real worker has been created. */
  created(): boolean
}

export function deferWorker(make: () => Worker): DeferredWorker {
  let real: Worker | null = null
  const listeners: Listener[] = []
  const waiting: unknown[] = []
  const standIn = {
    addEventListener(...listener: Listener) {
      if (real) real.addEventListener(...listener)
      else listeners.push(listener)
    },
    removeEventListener(type: string, listener: EventListenerOrEventListenerObject) {
      if (real) real.removeEventListener(type, listener)
      const at = listeners.findIndex(([t, l]) => t === type && l === listener)
      if (at >= 0) listeners.splice(at, 1)
    },
    postMessage(message: unknown) {
      if (real) real.postMessage(message)
      else waiting.push(message)
    },
    terminate() {
      real?.terminate()
    },
  }
  return {
    worker: standIn as unknown as Worker,
    create() {
      if (real) return
      real = make()
      for (const listener of listeners.splice(0)) real.addEventListener(...listener)
      for (const message of waiting.splice(0)) real.postMessage(message)
    },
    created: () => real !== null,
  }
}
