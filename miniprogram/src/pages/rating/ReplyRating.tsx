import { useState } from 'react'
import { Button, View } from '@tarojs/components'

import ErrorBox from '../../components/ErrorBox'
import { REPLY_LEVELS } from '../../utils/ratingFormat'
import LevelPicker from './LevelPicker'

interface ReplyRatingProps {
  /** Prefix of the ids: `<id>-level`, `<id>-error`, `<id>-submit`. */
  id: string
  /** The question, for screen readers. */
  label: string
  submitText: string
  /** Sends the chosen level; a failure is shown here and the level stays chosen for a retry. */
  onSubmit: (level: number) => Promise<void>
}

/** 满意 / 基本满意 / 不满意 about a department's answer (a complaint's, a 差评's), and the button that sends it. */
export default function ReplyRating ({ id, label, submitText, onSubmit }: ReplyRatingProps) {
  const [level, setLevel] = useState<number | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const off = level === null || busy

  async function submit () {
    if (level === null || busy) return
    setBusy(true)
    setError(null)
    try {
      await onSubmit(level)
    } catch (e) {
      setError(e)
    } finally {
      setBusy(false)
    }
  }

  return (
    <View>
      <LevelPicker id={`${id}-level`} label={label} levels={REPLY_LEVELS} value={level} disabled={busy} onChange={setLevel} />
      {error ? <ErrorBox id={`${id}-error`} error={error} /> : null}
      <Button
        className={`pg-button${off ? ' pg-button--disabled' : ''}`}
        id={`${id}-submit`}
        data-testid={`${id}-submit`}
        disabled={off || undefined}
        aria-disabled={off ? 'true' : undefined}
        onClick={submit}
      >
        {busy ? '正在提交…' : submitText}
      </Button>
    </View>
  )
}
