import { Button, View } from '@tarojs/components'

import { errorText, isApiError } from '../api/errors'

/** The server's message for a failed call (`data-code` and `data-request-id` for support), with an optional 重试. */
export default function ErrorBox ({ id, error, onRetry }: { id: string, error: unknown, onRetry?: () => void }) {
  return (
    <View
      className='pg-error'
      id={id}
      data-testid={id}
      data-code={isApiError(error) ? error.code : ''}
      data-request-id={isApiError(error) ? error.requestId : ''}
      role='alert'
    >
      {errorText(error)}
      {onRetry ? (
        <Button className='pg-button pg-button--secondary pg-button--small pg-retry' id={`${id}-retry`} onClick={onRetry}>
          重试
        </Button>
      ) : null}
    </View>
  )
}
