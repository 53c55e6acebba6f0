// A short two-note chime made with the Web Audio API (no sound file to fetch or cache). Browsers start an
// audio context suspended until the page has had a click: it is made by the first chime, played from the
// click that turns the sound on, so a chime later, with no click, is heard.
export interface Chime {
  play(): void
}

export function createChime(): Chime {
  let context: AudioContext | null = null
  const ready = (): AudioContext | null => {
    if (typeof AudioContext === 'undefined') return null
    context ??= new AudioContext()
    if (context.state === 'suspended') void context.resume().catch(() => undefined)
    return context
  }
  return {
    play() {
      const audio = ready()
      if (!audio) return
      const start = audio.currentTime
      for (const [i, frequency] of [880, 1320].entries()) {
        const tone = audio.createOscillator()
        const volume = audio.createGain()
        const at = start + i * 0.12
        tone.type = 'sine'
        tone.frequency.value = frequency
        // A soft attack and a quick fade: a click-free "ding" rather than a beep.
        volume.gain.setValueAtTime(0.0001, at)
        volume.gain.exponentialRampToValueAtTime(0.2, at + 0.02)
        volume.gain.exponentialRampToValueAtTime(0.0001, at + 0.3)
        tone.connect(volume).connect(audio.destination)
        tone.start(at)
        tone.stop(at + 0.32)
      }
    },
  }
}
