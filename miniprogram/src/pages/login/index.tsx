import { useEffect, useState } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'

import { errorText, isApiError, retryAfterSeconds } from '../../api/errors'
import { linkPhone, loginWithSms, type Resident, sendSmsCode } from '../../api/identity'
import { providerLogin } from '../../api/providerLogin'
import { hasTokens } from '../../api/tokens'
import { PhoneInput } from '../../components/IdentityInputs'
import Screen from '../../components/Screen'
import { canSend, deadlineAfterSend, secondsLeft, sendButtonLabel } from '../../utils/countdown'
import { fieldProps } from '../../utils/fieldProps'
import { returnTo } from '../../utils/identityNav'
import { safeAppPath } from '../../utils/identityRoutes'
import { ME_PAGE, readParam } from '../../utils/routes'
import {
  isValidPhone, isValidSmsCode, normalizeCodeInput, PHONE_LENGTH, phoneHint, SMS_CODE_LENGTH,
} from '../../utils/validators'

import './index.css'

interface ShownError {
  text: string
  code?: string
  requestId?: string
}

function shown (error: unknown): ShownError {
  return isApiError(error)
    ? { text: errorText(error), code: error.code, requestId: error.requestId }
    : { text: errorText(error) }
}

/** login: SMS code (H5) or one tap (WeChat, Alipay); bind: verify a phone for an account that has none (L0). */
type Mode = 'login' | 'bind'

export default function Login () {
  const router = useRouter()
  // Where the resident was going: a page of this app, else 我的.
  const target = safeAppPath(router.params.redirect) ?? ME_PAGE
  const [mode, setMode] = useState<Mode>(() => (readParam(router.params.bind) === '1' && hasTokens() ? 'bind' : 'login'))

  const [phone, setPhone] = useState('')
  const [code, setCode] = useState('')
  const [deadline, setDeadline] = useState<number | null>(null)
  const [now, setNow] = useState(() => Date.now())
  const [sending, setSending] = useState(false)
  const [submitting, setSubmitting] = useState(false)
  const [codeFocus, setCodeFocus] = useState(false)
  const [error, setError] = useState<ShownError | null>(null)
  const [notice, setNotice] = useState('')

  // Tick once a second while a countdown runs; what is shown is computed from the deadline.
  useEffect(() => {
    if (!deadline) return undefined
    const timer = setInterval(() => {
      const t = Date.now()
      setNow(t)
      if (t >= deadline) clearInterval(timer)
    }, 1000)
    return () => clearInterval(timer)
  }, [deadline])

  const binding = mode === 'bind'
  const left = secondsLeft(deadline, now)
  const phoneValid = isValidPhone(phone)
  const sendEnabled = canSend(left, sending, phoneValid)
  const submitEnabled = phoneValid && isValidSmsCode(code) && !submitting

  function startBinding () {
    setMode('bind')
    setCode('')
    setDeadline(null)
    setError(null)
    setNotice('登录成功。请验证手机号，以便接收办事通知、办理更多业务。')
  }

  /** After any login: verify a phone first when the account has none, else go where the resident was going. */
  function afterLogin (resident: Resident) {
    if (resident.assurance_level < 1 && !resident.phone) {
      startBinding()
      return
    }
    returnTo(target)
  }

  async function onSendCode () {
    if (!phoneValid) {
      setError({ text: `请输入正确的 ${PHONE_LENGTH} 位手机号` })
      return
    }
    if (!sendEnabled) return
    setSending(true)
    setError(null)
    setNotice('')
    try {
      await sendSmsCode(phone, binding ? 'link_phone' : 'login')
      const t = Date.now()
      setNow(t)
      setDeadline(deadlineAfterSend(t))
      setNotice('验证码已发送，请查看短信')
      setCodeFocus(true)
    } catch (e) {
      setError(shown(e))
      const wait = isApiError(e) && e.status === 429 ? retryAfterSeconds(e) : undefined
      if (wait) {
        const t = Date.now()
        setNow(t)
        setDeadline((current) => deadlineAfterSend(t, wait, current))
      }
    } finally {
      setSending(false)
    }
  }

  async function onSubmit () {
    if (!phoneValid) {
      setError({ text: `请输入正确的 ${PHONE_LENGTH} 位手机号` })
      return
    }
    if (!isValidSmsCode(code)) {
      setError({ text: `请输入 ${SMS_CODE_LENGTH} 位短信验证码` })
      return
    }
    if (submitting) return
    setSubmitting(true)
    setError(null)
    setNotice('')
    try {
      if (binding) {
        await linkPhone(phone, code)
        returnTo(target)
      } else {
        afterLogin((await loginWithSms(phone, code)).resident)
      }
    } catch (e) {
      setError(shown(e))
      // A burned or expired code cannot be used again: clear it so a new one is typed.
      if (isApiError(e) && (e.code === 'OTP_ATTEMPTS_EXCEEDED' || e.code === 'OTP_EXPIRED')) setCode('')
    } finally {
      setSubmitting(false)
    }
  }

  /** WeChat: `phoneCode` comes from the getPhoneNumber button (absent when the resident said no). */
  async function onProviderLogin (phoneCode?: string) {
    if (process.env.TARO_ENV !== 'weapp' && process.env.TARO_ENV !== 'alipay') return
    if (submitting) return
    setSubmitting(true)
    setError(null)
    setNotice('')
    try {
      const login = await providerLogin(phoneCode)
      if (binding && login.resident.assurance_level < 1) {
        setNotice('未获取到微信绑定的手机号，请用短信验证码验证')
      } else {
        afterLogin(login.resident)
      }
    } catch (e) {
      setError(shown(e))
    } finally {
      setSubmitting(false)
    }
  }

  const hint = phoneHint(phone)

  return (
    <Screen id='login' className='login'>
      <Text className='pg-title' id='login-title' data-mode={mode}>{binding ? '验证手机号' : '登录掌上政务'}</Text>
      <Text className='pg-subtitle'>
        {binding
          ? '用短信验证码验证手机号。该手机号已注册的，两个账号会合并为一个。'
          : '使用手机号和短信验证码登录，未注册的手机号将自动注册。'}
      </Text>

      <View className='pg-card'>
        <View className='pg-field'>
          <Text className='pg-label'>手机号</Text>
          <PhoneInput id='login-phone' label='手机号' value={phone} onChange={setPhone} />
          {hint ? <Text className='pg-hint' id='login-phone-hint' data-testid='login-phone-hint'>{hint}</Text> : null}
        </View>

        <View className='pg-field'>
          <Text className='pg-label'>验证码</Text>
          <View className='pg-row'>
            <Input
              {...fieldProps('login-code', '短信验证码', { type: 'text', inputmode: 'numeric', autocomplete: 'one-time-code' })}
              className='pg-input'
              type='number'
              maxlength={SMS_CODE_LENGTH}
              placeholder='6 位验证码'
              value={code}
              focus={codeFocus}
              onBlur={() => setCodeFocus(false)}
              onInput={(e) => setCode(normalizeCodeInput(e.detail.value))}
            />
            <Button
              className={`pg-button pg-button--secondary login__send${sendEnabled ? '' : ' pg-button--disabled'}`}
              id='login-send-code'
              data-testid='login-send-code'
              data-seconds-left={left}
              disabled={!sendEnabled || undefined}
              onClick={onSendCode}
            >
              {sendButtonLabel(left, sending)}
            </Button>
          </View>
        </View>

        {notice ? (
          <View className='pg-notice' id='login-notice' data-testid='login-notice' role='status'>{notice}</View>
        ) : null}
        {error ? (
          <View
            className='pg-error'
            id='login-error'
            data-testid='login-error'
            data-code={error.code ?? ''}
            data-request-id={error.requestId ?? ''}
            role='alert'
          >
            {error.text}
          </View>
        ) : null}

        <Button
          className={`pg-button${submitEnabled ? '' : ' pg-button--disabled'}`}
          id='login-submit'
          data-testid='login-submit'
          disabled={!submitEnabled || undefined}
          onClick={onSubmit}
        >
          {submitting ? '正在提交…' : binding ? '验证手机号' : '登录'}
        </Button>
      </View>

      {process.env.TARO_ENV === 'weapp' ? (
        <View>
          <Text className='login__divider'>或</Text>
          <Button
            className='pg-button pg-button--wechat'
            id='login-wechat'
            data-testid='login-wechat'
            openType='getPhoneNumber'
            disabled={submitting || undefined}
            onGetPhoneNumber={(e) => onProviderLogin(e.detail.code)}
          >
            {binding ? '使用微信绑定的手机号' : '微信一键登录'}
          </Button>
        </View>
      ) : null}

      {process.env.TARO_ENV === 'alipay' && !binding ? (
        <View>
          <Text className='login__divider'>或</Text>
          <Button
            className='pg-button pg-button--alipay'
            id='login-alipay'
            data-testid='login-alipay'
            disabled={submitting || undefined}
            onClick={() => onProviderLogin()}
          >
            支付宝一键登录
          </Button>
        </View>
      ) : null}

      {binding ? (
        <Button
          className='pg-button pg-button--secondary'
          id='login-skip-bind'
          data-testid='login-skip-bind'
          onClick={() => returnTo(target)}
        >
          暂不验证，稍后再说
        </Button>
      ) : null}
    </Screen>
  )
}
