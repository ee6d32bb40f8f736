/**
 * Reads a question and its answer options aloud with the browser's own speech synthesis, in the
 * page's language, for pupils with reading difficulties. Nothing leaves the device.
 */
export function canReadAloud(): boolean {
  return (
    typeof window !== 'undefined' &&
    'speechSynthesis' in window &&
    'SpeechSynthesisUtterance' in window
  )
}

export function readAloud(text: string, lang: string, onEnd: () => void): void {
  window.speechSynthesis.cancel()
  const utterance = new SpeechSynthesisUtterance(text)
  utterance.lang = lang
  utterance.rate = 0.95
  const voice = window.speechSynthesis
    .getVoices()
    .find((v) => v.lang.toLowerCase().startsWith(lang.slice(0, 2).toLowerCase()))
  if (voice) utterance.voice = voice
  utterance.onend = onEnd
  utterance.onerror = onEnd
  window.speechSynthesis.speak(utterance)
}

export function stopReading(): void {
  if (canReadAloud()) window.speechSynthesis.cancel()
}
