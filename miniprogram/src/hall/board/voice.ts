/**
 * The board's voice (Web Speech API, zh-CN). Browsers refuse to speak before the page had a user
 * gesture, unless Chrome was started with `--autoplay-policy=no-user-gesture-required` (board PCs):
 * probeSpeech() finds out which, so the page can show 点击开启声音 only where it is needed.
 */

export const ANNOUNCE_TIMES = 2
const PROBE_TIMEOUT_MS = 1500

function synth (): SpeechSynthesis | null {
  if (process.env.TARO_ENV !== 'h5') return null
  return typeof window !== 'undefined' && 'speechSynthesis' in window ? window.speechSynthesis : null
}

function utterance (text: string, volume = 1): SpeechSynthesisUtterance {
  const spoken = new SpeechSynthesisUtterance(text)
  spoken.lang = 'zh-CN'
  spoken.rate = 0.9
  spoken.volume = volume
  const voice = synth()?.getVoices().find((v) => v.lang.replace('_', '-').toLowerCase().startsWith('zh-cn')) ??
    synth()?.getVoices().find((v) => v.lang.toLowerCase().startsWith('zh'))
  if (voice) spoken.voice = voice
  return spoken
}

export function speechAvailable (): boolean {
  return synth() !== null
}

/** Says `text` `times` times, after whatever is being said now (calls queue up, none is cut off). */
export function speak (text: string, times: number = ANNOUNCE_TIMES): void {
  const speech = synth()
  if (!speech) return
  for (let i = 0; i < times; i++) speech.speak(utterance(text))
}

/**
 * Whether the browser lets the page speak without a tap: a silent utterance that starts (true), or is
 * refused (`not-allowed`) or never starts (false).
 */
export function probeSpeech (): Promise<boolean> {
  const speech = synth()
  if (!speech) return Promise.resolve(false)
  return new Promise((resolve) => {
    const probe = utterance('。', 0)
    const timer = setTimeout(() => resolve(false), PROBE_TIMEOUT_MS)
    probe.onstart = () => {
      clearTimeout(timer)
      resolve(true)
    }
    probe.onerror = () => {
      clearTimeout(timer)
      resolve(false)
    }
    speech.speak(probe)
  })
}
