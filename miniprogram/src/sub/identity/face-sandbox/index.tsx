import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'

import { finishSandboxFace, type SandboxFaceResult } from '../../../api/account'
import { isApiError } from '../../../api/errors'
import ErrorBox from '../../../components/ErrorBox'
import Screen from '../../../components/Screen'
import { returnTo } from '../../../utils/identityNav'
import { safeAppPath } from '../../../utils/identityRoutes'
import { ME_PAGE, readParam } from '../../../utils/routes'

import './index.css'

/** Where to go after answering: back to the page that started the check, else the `back` page it named. */
async function goBack (back: string) {
  if (Taro.getCurrentPages().length > 1) {
    try {
      await Taro.navigateBack({ delta: 1 })
      return
    } catch {
      // No page to go back to after all: open the one named instead.
    }
  }
  await returnTo(back)
}

/**
 * A stand-in for the face SDK on test servers (sandbox provider): the tester says whether the
 * face "matched". The page that started the check then asks the server for the result.
 */
export default function FaceSandbox () {
  const router = useRouter()
  const ref = readParam(router.params.ref)
  const back = safeAppPath(router.params.back) ?? ME_PAGE
  const [busy, setBusy] = useState<SandboxFaceResult | null>(null)
  const [error, setError] = useState<unknown>(null)

  async function answer (result: SandboxFaceResult) {
    if (busy) return
    setBusy(result)
    setError(null)
    try {
      await finishSandboxFace(ref, result)
      await goBack(back)
    } catch (e) {
      setError(e)
    } finally {
      setBusy(null)
    }
  }

  const missing = isApiError(error) && error.status === 404

  return (
    <Screen id='face-sandbox'>
      <Text className='pg-title'>刷脸核验（测试）</Text>
      <View className='pg-card' id='sandbox-explain' data-testid='sandbox-explain'>
        <Text className='pg-card__title'>这是测试页面</Text>
        <Text className='pg-text'>
          当前服务器使用测试用的核验服务，不会打开摄像头，也不会采集人脸。正式环境中，这一步由微信或支付宝的刷脸核验完成。
        </Text>
        <Text className='pg-text sandbox__ask'>请选择本次核验的结果：</Text>
      </View>

      {!ref ? (
        <View className='pg-error' id='sandbox-no-ref' data-testid='sandbox-no-ref' role='alert'>
          缺少核验编号，请回到上一页重新开始刷脸核验。
        </View>
      ) : null}
      {missing ? (
        <View className='pg-error' id='sandbox-unavailable' data-testid='sandbox-unavailable' data-code={isApiError(error) ? error.code : ''} role='alert'>
          测试核验不可用：服务器未开启测试模式，或这次核验已过期。请回到上一页重新开始。
        </View>
      ) : null}
      {error && !missing ? <ErrorBox id='sandbox-error' error={error} /> : null}

      <Button
        className={`pg-button${busy || !ref ? ' pg-button--disabled' : ''}`}
        id='sandbox-pass'
        data-testid='sandbox-pass'
        disabled={busy !== null || !ref || undefined}
        onClick={() => answer('passed')}
      >
        {busy === 'passed' ? '正在提交…' : '通过'}
      </Button>
      <Button
        className={`pg-button pg-button--danger${busy || !ref ? ' pg-button--disabled' : ''}`}
        id='sandbox-fail'
        data-testid='sandbox-fail'
        disabled={busy !== null || !ref || undefined}
        onClick={() => answer('failed')}
      >
        {busy === 'failed' ? '正在提交…' : '不通过'}
      </Button>
      <Button
        className='pg-button pg-button--secondary'
        id='sandbox-back'
        data-testid='sandbox-back'
        onClick={() => goBack(back)}
      >
        返回
      </Button>
    </Screen>
  )
}
