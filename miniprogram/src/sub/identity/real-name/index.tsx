import { useEffect, useRef, useState } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'

import {
  completeFaceVerification, type ConsentText, type FaceCompleted, getFaceConsentText, grantFaceConsent, listConsents,
} from '../../../api/account'
import { isApiError } from '../../../api/errors'
import { bindRealName, getMe, type Resident } from '../../../api/identity'
import { hasTokens } from '../../../api/tokens'
import Async from '../../../components/Async'
import ErrorBox from '../../../components/ErrorBox'
import { IdNumberInput } from '../../../components/IdentityInputs'
import Screen from '../../../components/Screen'
import { fieldProps } from '../../../utils/fieldProps'
import { levelLabel } from '../../../utils/format'
import {
  type ConsentState, type FaceOutcome, faceOutcome, hasCurrentConsent, realNameStep, STEP_TITLES, stepIndex,
} from '../../../utils/identityFace'
import { returnTo } from '../../../utils/identityNav'
import { loginPageUrl, readLevelParam, realNamePageUrl, safeAppPath } from '../../../utils/identityRoutes'
import { ME_PAGE, readParam } from '../../../utils/routes'
import { useLoad } from '../../../utils/useLoad'
import {
  ID_NUMBER_LENGTH, idNumberHint, NAME_MAX, nameHint,
} from '../../../utils/validators'
import ConsentCard from '../components/ConsentCard'
import { runFaceCheck } from '../faceRun'

import './index.css'

interface Account {
  me: Resident
  consent: ConsentText
  consented: boolean
}

async function fetchAccount (): Promise<Account> {
  const [me, consent, consents] = await Promise.all([getMe(), getFaceConsentText(), listConsents()])
  return { me, consent, consented: hasCurrentConsent(consents.items, 'face', consent.version) }
}

type FacePhase =
  | { phase: 'idle' }
  | { phase: 'busy', text: string }
  | { phase: 'away' }
  | { phase: 'result', outcome: FaceOutcome }
  | { phase: 'error', error: unknown }

function Steps ({ current }: { current: number }) {
  return (
    <View className='rn-steps' id='realname-steps' data-testid='realname-steps' data-current={current}>
      {STEP_TITLES.map((title, i) => (
        <View
          key={title}
          className={`rn-step${i === current ? ' rn-step--current' : ''}${i < current ? ' rn-step--done' : ''}`}
          aria-current={i === current ? 'step' : undefined}
        >
          <Text className='rn-step__number'>{i < current ? '✓' : i + 1}</Text>
          <Text className='rn-step__title'>{title}</Text>
        </View>
      ))}
    </View>
  )
}

export default function RealName () {
  const router = useRouter()
  const next = safeAppPath(router.params.next)
  const need = readLevelParam(router.params.need)
  // A page that sent the resident here without saying which level usually needs real name (L2).
  const needed = need ?? (next ? 2 : 3)
  const [target, setTarget] = useState<number>(needed)
  const [declined, setDeclined] = useState(false)
  const loggedIn = hasTokens()

  const account = useLoad<Account>(() => (loggedIn ? fetchAccount() : new Promise<Account>(() => undefined)), [loggedIn])

  const [name, setName] = useState('')
  const [idNumber, setIdNumber] = useState('')
  const [binding, setBinding] = useState(false)
  const [bindError, setBindError] = useState<unknown>(null)
  const [consentBusy, setConsentBusy] = useState(false)
  const [consentError, setConsentError] = useState<unknown>(null)
  const [face, setFace] = useState<FacePhase>({ phase: 'idle' })

  const selfUrl = realNamePageUrl({ next: next ?? undefined, need: target })

  // A face check that ran on another page (the sandbox page), finished when this page shows again.
  const pending = useRef<string | null>(readParam(router.params.verification) || null)
  const completing = useRef(false)

  function showResult (result: FaceCompleted) {
    const outcome = faceOutcome(result.status)
    if (outcome.tone !== 'waiting') pending.current = null
    setFace({ phase: 'result', outcome })
    if (outcome.tone === 'passed') account.reload()
  }

  async function finishPending () {
    const id = pending.current
    if (!id || completing.current) return
    completing.current = true
    setFace({ phase: 'busy', text: '正在查询核验结果…' })
    try {
      showResult(await completeFaceVerification(id))
    } catch (e) {
      setFace({ phase: 'error', error: e })
    } finally {
      completing.current = false
    }
  }

  useEffect(() => {
    if (!loggedIn) {
      Taro.redirectTo({ url: loginPageUrl({ redirect: selfUrl }) })
      return
    }
    finishPending()
  }, [])

  useDidShow(() => {
    finishPending()
  })

  async function onAgree (consent: ConsentText) {
    if (consentBusy) return
    setConsentBusy(true)
    setConsentError(null)
    try {
      await grantFaceConsent(consent.version)
      setDeclined(false)
      await account.reload()
    } catch (e) {
      setConsentError(e)
    } finally {
      setConsentBusy(false)
    }
  }

  async function onBind () {
    const trimmed = name.trim()
    if (trimmed === '' || idNumber.length !== ID_NUMBER_LENGTH || binding) return
    setBinding(true)
    setBindError(null)
    try {
      await bindRealName(trimmed, idNumber)
      setName('')
      setIdNumber('')
      Taro.showToast({ title: '实名登记成功', icon: 'success' })
      await account.reload()
    } catch (e) {
      setBindError(e)
    } finally {
      setBinding(false)
    }
  }

  async function onStartFace () {
    if (face.phase === 'busy') return
    setFace({ phase: 'busy', text: '正在启动刷脸核验…' })
    try {
      const run = await runFaceCheck('account', (id) => realNamePageUrl({ next: next ?? undefined, need: target, verification: id }))
      if (run.kind === 'away') {
        pending.current = run.id
        setFace({ phase: 'away' })
      } else {
        showResult(run.result)
      }
    } catch (e) {
      // The consent was withdrawn or its text changed meanwhile: show the consent step again.
      if (isApiError(e) && e.code === 'CONSENT_REQUIRED') account.reload()
      setFace({ phase: 'error', error: e })
    }
  }

  function upgrade () {
    setTarget(3)
    setDeclined(false)
    setFace({ phase: 'idle' })
  }

  function renderFace () {
    const busy = face.phase === 'busy'
    return (
      <View className='pg-card' id='face' data-testid='face' data-phase={face.phase}>
        <Text className='pg-card__title'>刷脸核验</Text>
        <Text className='pg-text'>请本人拿稳手机，在光线充足处正对屏幕，按提示完成动作。核验只比对姓名和身份证号，不保存人脸图像。</Text>
        {face.phase === 'busy' ? <View className='pg-state' id='face-busy' role='status'>{face.text}</View> : null}
        {face.phase === 'away' ? (
          <View className='pg-notice' id='face-away' data-testid='face-away' role='status'>完成刷脸后会自动显示结果。如果没有显示，请点“查看核验结果”。</View>
        ) : null}
        {face.phase === 'result' ? (
          <View
            className={face.outcome.tone === 'passed' ? 'pg-notice' : 'pg-error'}
            id='face-result'
            data-testid='face-result'
            data-tone={face.outcome.tone}
            role='status'
          >
            {face.outcome.text}
          </View>
        ) : null}
        {face.phase === 'error' ? <ErrorBox id='face-error' error={face.error} /> : null}
        {pending.current && (face.phase === 'away' || face.phase === 'error' || (face.phase === 'result' && face.outcome.tone === 'waiting')) ? (
          <Button className='pg-button pg-button--secondary' id='face-check' data-testid='face-check' onClick={finishPending}>
            查看核验结果
          </Button>
        ) : null}
        <Button
          className={`pg-button${busy ? ' pg-button--disabled' : ''}`}
          id='face-start'
          data-testid='face-start'
          disabled={busy || undefined}
          onClick={onStartFace}
        >
          {face.phase === 'idle' ? '开始刷脸核验' : '重新刷脸核验'}
        </Button>
      </View>
    )
  }

  function renderIdentity (me: Resident) {
    const ready = name.trim() !== '' && idNumber.length === ID_NUMBER_LENGTH && !binding
    const nHint = nameHint(name)
    const idHint = idNumberHint(idNumber)
    return (
      <View className='pg-card' id='realname' data-testid='realname' data-level={me.assurance_level}>
        <Text className='pg-card__title'>填写实名信息</Text>
        <Text className='pg-muted'>请填写与身份证一致的姓名和号码。信息加密保存，页面只显示部分内容。</Text>
        <View className='pg-field'>
          <Text className='pg-label'>姓名</Text>
          <Input
            {...fieldProps('realname-name', '姓名', { autocomplete: 'name' })}
            className='pg-input'
            type='text'
            maxlength={NAME_MAX}
            placeholder='与身份证上的姓名一致'
            value={name}
            onInput={(e) => setName(e.detail.value)}
          />
          {nHint ? <Text className='pg-hint' id='realname-name-hint' data-testid='realname-name-hint'>{nHint}</Text> : null}
        </View>
        <View className='pg-field'>
          <Text className='pg-label'>身份证号</Text>
          <IdNumberInput id='realname-id' label='身份证号' value={idNumber} onChange={setIdNumber} />
          {idHint ? <Text className='pg-hint' id='realname-id-hint' data-testid='realname-id-hint'>{idHint}</Text> : null}
        </View>
        {bindError ? <ErrorBox id='realname-error' error={bindError} /> : null}
        <Button
          className={`pg-button${ready ? '' : ' pg-button--disabled'}`}
          id='realname-submit'
          data-testid='realname-submit'
          disabled={!ready || undefined}
          onClick={onBind}
        >
          {binding ? '正在提交…' : '提交'}
        </Button>
      </View>
    )
  }

  function renderDone (me: Resident) {
    const level = me.assurance_level
    return (
      <View className='pg-card rn-done' id='realname-done' data-testid='realname-done'>
        <Text className='pg-card__title'>{level >= 3 ? '认证完成' : '实名登记完成'}</Text>
        <Text className={`rn-level rn-level--${level}`} id='realname-level' data-testid='realname-level' data-level={level}>
          {levelLabel(level)}
        </Text>
        {level >= 3 ? <Text className='pg-muted'>刷脸核验 30 分钟内有效，过后办理需要时会再次请您核验。</Text> : null}
        {declined && level < 3 ? (
          <View className='pg-notice' id='realname-window' data-testid='realname-window'>
            您没有同意人脸识别。需要刷脸核验的业务，可携带身份证到政务服务大厅窗口核验身份，不影响办理。
          </View>
        ) : null}
        <Button
          className='pg-button'
          id='realname-continue'
          data-testid='realname-continue'
          onClick={() => returnTo(next ?? ME_PAGE)}
        >
          {next ? '继续办理' : '返回我的'}
        </Button>
        {level < 3 ? (
          <Button className='pg-button pg-button--secondary' id='realname-upgrade' data-testid='realname-upgrade' onClick={upgrade}>
            刷脸核验，升级到 L3
          </Button>
        ) : null}
      </View>
    )
  }

  function renderStep (data: Account) {
    const consent: ConsentState = data.consented ? 'granted' : declined ? 'declined' : 'unknown'
    const level = data.me.assurance_level
    const step = realNameStep(level, target, consent)
    return (
      <View id='realname-flow' data-testid='realname-flow' data-step={step}>
        {step !== 'done' ? <Steps current={stepIndex(step)} /> : null}
        {step === 'phone' ? (
          <View className='pg-card' id='realname-phone' data-testid='realname-phone'>
            <Text className='pg-card__title'>请先验证手机号</Text>
            <Text className='pg-text'>实名认证前需要验证您的手机号，用于接收办事通知和找回账号。</Text>
            <Button
              className='pg-button'
              id='realname-bind-phone'
              data-testid='realname-bind-phone'
              onClick={() => Taro.navigateTo({ url: loginPageUrl({ bind: true, redirect: selfUrl }) })}
            >
              去验证手机号
            </Button>
          </View>
        ) : null}
        {step === 'consent' ? (
          <ConsentCard
            id='consent'
            consent={data.consent}
            busy={consentBusy}
            error={consentError}
            onAgree={() => onAgree(data.consent)}
            onDecline={() => setDeclined(true)}
          />
        ) : null}
        {step === 'identity' ? renderIdentity(data.me) : null}
        {step === 'face' ? renderFace() : null}
        {step === 'done' ? renderDone(data.me) : null}
        {step === 'face' && next && level >= needed ? (
          <Button
            className='pg-button pg-button--secondary'
            id='realname-skip-face'
            data-testid='realname-skip-face'
            onClick={() => returnTo(next)}
          >
            暂不刷脸，返回继续办理
          </Button>
        ) : null}
      </View>
    )
  }

  return (
    <Screen id='real-name'>
      <Text className='pg-title'>实名认证</Text>
      <Text className='pg-subtitle'>完成实名和刷脸核验后，可在线预约、取号和申办更多事项。</Text>
      <Async id='realname-load' load={account}>
        {(data) => renderStep(data)}
      </Async>
    </Screen>
  )
}
