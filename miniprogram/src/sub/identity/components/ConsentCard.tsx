import { Button, Text, View } from '@tarojs/components'

import type { ConsentText } from '../../../api/account'
import ErrorBox from '../../../components/ErrorBox'

import './consent.css'

interface ConsentCardProps {
  /** Prefix of the ids: `<id>`, `<id>-text`, `<id>-agree`, `<id>-decline`, `<id>-error`. */
  id: string
  consent: ConsentText
  busy: boolean
  error: unknown
  onAgree: () => void
  /** Without it there is no 不同意 button (the caller offers another way out). */
  onDecline?: () => void
}

/**
 * The separate consent to face processing (单独同意, PIPL Art. 29): the server's text, its
 * version, and a free choice. Refusing never blocks a service: a hall window checks the ID instead.
 */
export default function ConsentCard ({ id, consent, busy, error, onAgree, onDecline }: ConsentCardProps) {
  return (
    <View className='pg-card consent' id={id} data-testid={id} data-version={consent.version}>
      <Text className='pg-card__title'>人脸识别授权</Text>
      <Text className='consent__text' id={`${id}-text`} data-testid={`${id}-text`}>{consent.text_zh}</Text>
      <Text className='pg-muted consent__version'>授权书版本：{consent.version}</Text>
      {error ? <ErrorBox id={`${id}-error`} error={error} /> : null}
      <Button
        className={`pg-button${busy ? ' pg-button--disabled' : ''}`}
        id={`${id}-agree`}
        data-testid={`${id}-agree`}
        disabled={busy || undefined}
        onClick={onAgree}
      >
        {busy ? '正在提交…' : '同意并继续'}
      </Button>
      {onDecline ? (
        <Button
          className='pg-button pg-button--secondary'
          id={`${id}-decline`}
          data-testid={`${id}-decline`}
          disabled={busy || undefined}
          onClick={onDecline}
        >
          不同意，到大厅窗口核验
        </Button>
      ) : null}
    </View>
  )
}
