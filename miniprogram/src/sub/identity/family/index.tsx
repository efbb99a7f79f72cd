import { type ReactNode, useEffect, useRef, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'

import {
  acceptProxy, completeFaceVerification, type ConsentText, declineProxy, type FaceCompleted, getFaceConsentText,
  grantFaceConsent, inviteProxy, listProxies, type ProxyGrant, type ProxyRelation, revokeProxy,
} from '../../../api/account'
import { isApiError } from '../../../api/errors'
import { hasTokens } from '../../../api/tokens'
import Async from '../../../components/Async'
import Choices, { type Choice } from '../../../components/Choices'
import ErrorBox from '../../../components/ErrorBox'
import { PhoneInput } from '../../../components/IdentityInputs'
import Screen from '../../../components/Screen'
import { getActing, startActing, stopActing } from '../../../store/acting'
import { formatDateTime } from '../../../utils/format'
import { faceOutcome } from '../../../utils/identityFace'
import {
  grantStatusWords, groupGrants, otherId, otherName, RELATIONS, relationOfOther, relationWords,
} from '../../../utils/identityFamily'
import { familyPageUrl, loginPageUrl, realNamePageUrl } from '../../../utils/identityRoutes'
import { FAMILY_PAGE, HOME_PAGE, readIdParam, readParam } from '../../../utils/routes'
import { useLoad } from '../../../utils/useLoad'
import { isValidPhone, PHONE_LENGTH, phoneHint } from '../../../utils/validators'
import ConsentCard from '../components/ConsentCard'
import { runFaceCheck } from '../faceRun'

import './index.css'

const RELATION_CHOICES: Choice<ProxyRelation>[] = RELATIONS.map((value) => ({ value, label: relationWords(value) }))

/** Accepting an invitation: the face check (maybe on the sandbox page), then the accept call with its ticket. */
interface Accepting {
  grantId: number
  verificationId: string | null
}

async function confirm (title: string, content: string, confirmText: string): Promise<boolean> {
  try {
    const res = await Taro.showModal({ title, content, confirmText, cancelText: '取消' })
    return res.confirm
  } catch {
    return false
  }
}

export default function Family () {
  const router = useRouter()
  const loggedIn = hasTokens()
  const grants = useLoad(() => (loggedIn ? listProxies() : new Promise<never>(() => undefined)), [loggedIn])

  const [phone, setPhone] = useState('')
  const [relation, setRelation] = useState<ProxyRelation | null>(null)
  const [inviting, setInviting] = useState(false)
  const [inviteError, setInviteError] = useState<unknown>(null)
  const [inviteNotice, setInviteNotice] = useState('')

  const [busyId, setBusyId] = useState<number | null>(null)
  const [actionError, setActionError] = useState<{ id: number, error: unknown } | null>(null)
  const [acceptNotice, setAcceptNotice] = useState('')
  const [consent, setConsent] = useState<{ grantId: number, text: ConsentText } | null>(null)
  const [consentBusy, setConsentBusy] = useState(false)
  const [consentError, setConsentError] = useState<unknown>(null)

  // An acceptance whose face check ran on the sandbox page: finished when this page shows again.
  const accepting = useRef<Accepting | null>(null)
  const working = useRef(false)

  useEffect(() => {
    if (!loggedIn) {
      Taro.redirectTo({ url: loginPageUrl({ redirect: FAMILY_PAGE }) })
      return
    }
    const grantId = readIdParam(router.params.accept)
    const verificationId = readParam(router.params.verification)
    if (grantId && verificationId) {
      accepting.current = { grantId, verificationId }
      finishAccepting()
    }
  }, [])

  useDidShow(() => {
    finishAccepting()
  })

  async function acceptWith (grantId: number, result: FaceCompleted) {
    const outcome = faceOutcome(result.status)
    if (outcome.tone !== 'passed') {
      if (outcome.tone !== 'waiting') accepting.current = null
      setActionError({ id: grantId, error: new Error(outcome.text) })
      return
    }
    accepting.current = null
    if (!result.face_ticket) {
      setActionError({ id: grantId, error: new Error('核验凭证已使用，请重新刷脸后再同意') })
      return
    }
    await acceptProxy(grantId, result.face_ticket)
    setAcceptNotice('已同意。对方现在可以为您代办业务，您可以随时在本页解除。')
    await grants.reload()
  }

  async function finishAccepting () {
    const current = accepting.current
    if (!current?.verificationId || working.current) return
    working.current = true
    setBusyId(current.grantId)
    setActionError(null)
    try {
      await acceptWith(current.grantId, await completeFaceVerification(current.verificationId))
    } catch (e) {
      setActionError({ id: current.grantId, error: e })
    } finally {
      working.current = false
      setBusyId(null)
    }
  }

  async function onAccept (grant: ProxyGrant) {
    if (busyId !== null) return
    setBusyId(grant.id)
    setActionError(null)
    setAcceptNotice('')
    try {
      const run = await runFaceCheck('proxy_accept', (id) => familyPageUrl({ accept: grant.id, verification: id }))
      if (run.kind === 'away') {
        accepting.current = { grantId: grant.id, verificationId: run.id }
      } else {
        await acceptWith(grant.id, run.result)
      }
    } catch (e) {
      if (isApiError(e) && e.code === 'CONSENT_REQUIRED') {
        try {
          setConsent({ grantId: grant.id, text: await getFaceConsentText() })
        } catch (inner) {
          setActionError({ id: grant.id, error: inner })
        }
      } else {
        setActionError({ id: grant.id, error: e })
      }
    } finally {
      setBusyId(null)
    }
  }

  async function onConsent () {
    if (!consent || consentBusy) return
    setConsentBusy(true)
    setConsentError(null)
    try {
      await grantFaceConsent(consent.text.version)
      const grant = grants.data?.items.find((g) => g.id === consent.grantId)
      setConsent(null)
      if (grant) await onAccept(grant)
    } catch (e) {
      setConsentError(e)
    } finally {
      setConsentBusy(false)
    }
  }

  async function run (grant: ProxyGrant, action: () => Promise<unknown>) {
    if (busyId !== null) return
    setBusyId(grant.id)
    setActionError(null)
    try {
      await action()
      await grants.reload()
    } catch (e) {
      setActionError({ id: grant.id, error: e })
    } finally {
      setBusyId(null)
    }
  }

  async function onDecline (grant: ProxyGrant) {
    if (await confirm('拒绝邀请', `拒绝 ${otherName(grant)} 为您代办的邀请？`, '拒绝')) {
      await run(grant, () => declineProxy(grant.id))
    }
  }

  async function onRevoke (grant: ProxyGrant) {
    const text = grant.status === 'pending'
      ? '撤回这份邀请？'
      : grant.my_role === 'grantee'
        ? `解除后您不能再为 ${otherName(grant)} 代办。`
        : `解除后 ${otherName(grant)} 不能再为您代办。`
    if (!(await confirm(grant.status === 'pending' ? '撤回邀请' : '解除代办', text, '确定'))) return
    await run(grant, async () => {
      await revokeProxy(grant.id)
      const id = otherId(grant)
      if (id !== null && getActing()?.residentId === id) stopActing()
    })
  }

  function onActFor (grant: ProxyGrant) {
    const id = otherId(grant)
    if (id === null) return
    startActing({ residentId: id, name: otherName(grant) })
    Taro.reLaunch({ url: HOME_PAGE })
  }

  async function onInvite () {
    if (inviting) return
    if (!isValidPhone(phone)) {
      setInviteError(new Error(`请输入家人正确的 ${PHONE_LENGTH} 位手机号`))
      return
    }
    if (!relation) {
      setInviteError(new Error('请选择对方是您的什么人'))
      return
    }
    setInviting(true)
    setInviteError(null)
    setInviteNotice('')
    try {
      await inviteProxy(phone, relation)
      setInviteNotice(`邀请已发出。请告诉家人用手机号 ${phone} 登录掌上政务，在“我的 → 家人代办”中刷脸同意。邀请 7 天内有效。`)
      setPhone('')
      setRelation(null)
      await grants.reload()
    } catch (e) {
      setInviteError(e)
    } finally {
      setInviting(false)
    }
  }

  function errorFor (grant: ProxyGrant) {
    if (actionError?.id !== grant.id) return null
    const e = actionError.error
    const needsLevel = isApiError(e) && e.code === 'ASSURANCE_REQUIRED'
    return (
      <View>
        <ErrorBox id={`grant-error-${grant.id}`} error={e} />
        {needsLevel ? (
          <Button
            className='pg-button pg-button--secondary'
            id={`grant-realname-${grant.id}`}
            onClick={() => Taro.navigateTo({ url: realNamePageUrl({ next: FAMILY_PAGE, need: 2 }) })}
          >
            去实名认证
          </Button>
        ) : null}
      </View>
    )
  }

  function grantCard (grant: ProxyGrant, children?: ReactNode) {
    return (
      <View
        key={grant.id}
        className='family__grant'
        id={`grant-${grant.id}`}
        data-testid='grant'
        data-role={grant.my_role}
        data-status={grant.status}
      >
        <View className='family__grant-head'>
          <Text className='family__grant-name'>{otherName(grant)}</Text>
          <Text className={`pg-badge family__status family__status--${grant.status}`}>{grantStatusWords(grant)}</Text>
        </View>
        <Text className='pg-secondary'>关系：{relationOfOther(grant.relation, grant.my_role)}</Text>
        {grant.status === 'pending' ? (
          <Text className='pg-secondary'>邀请有效期至 {formatDateTime(grant.invitation_expires_at)}</Text>
        ) : null}
        {grant.accepted_at && grant.status === 'active' ? (
          <Text className='pg-secondary'>生效于 {formatDateTime(grant.accepted_at)}</Text>
        ) : null}
        {children}
        {errorFor(grant)}
      </View>
    )
  }

  // One action at a time; `|| undefined` keeps Taro H5 from writing disabled="false" (app.css).
  const locked = busyId !== null || consent !== null || undefined

  function renderGrants (items: ProxyGrant[]) {
    const sections = groupGrants(items)
    return (
      <View id='family-grants' data-testid='family-grants' data-count={items.length}>
        {sections.invitations.length ? (
          <View className='pg-card' id='family-invitations' data-testid='family-invitations'>
            <Text className='pg-card__title'>等您同意的邀请</Text>
            <Text className='pg-muted'>同意后，对方可以用您的身份预约、取号和申办事项。同意前需要您本人刷脸核验。</Text>
            {sections.invitations.map((grant) => grantCard(grant, (
              <>
                {consent?.grantId === grant.id ? (
                  <ConsentCard
                    id='consent'
                    consent={consent.text}
                    busy={consentBusy}
                    error={consentError}
                    onAgree={onConsent}
                    onDecline={() => setConsent(null)}
                  />
                ) : null}
                <View className='family__actions'>
                  <Button
                    className={`pg-button family__action${locked ? ' pg-button--disabled' : ''}`}
                    id={`grant-accept-${grant.id}`}
                    data-testid='grant-accept'
                    disabled={locked}
                    onClick={() => onAccept(grant)}
                  >
                    {busyId === grant.id ? '正在处理…' : '刷脸同意'}
                  </Button>
                  <Button
                    className='pg-button pg-button--danger family__action'
                    id={`grant-decline-${grant.id}`}
                    data-testid='grant-decline'
                    disabled={locked}
                    onClick={() => onDecline(grant)}
                  >
                    拒绝
                  </Button>
                </View>
              </>
            )))}
          </View>
        ) : null}

        <View className='pg-card' id='family-act-for' data-testid='family-act-for'>
          <Text className='pg-card__title'>我可以代办的家人</Text>
          {sections.actFor.length === 0 && sections.sent.length === 0 ? (
            <Text className='pg-muted' id='family-act-for-empty' data-testid='family-act-for-empty'>
              还没有家人授权您代办。可以在下方邀请家人。
            </Text>
          ) : null}
          {sections.actFor.map((grant) => grantCard(grant, (
            <View className='family__actions'>
              <Button
                className='pg-button family__action'
                id={`grant-act-${grant.id}`}
                data-testid='grant-act'
                disabled={locked}
                onClick={() => onActFor(grant)}
              >
                为TA办事
              </Button>
              <Button
                className='pg-button pg-button--danger family__action'
                id={`grant-revoke-${grant.id}`}
                data-testid='grant-revoke'
                disabled={locked}
                onClick={() => onRevoke(grant)}
              >
                解除
              </Button>
            </View>
          )))}
          {sections.sent.map((grant) => grantCard(grant, (
            <>
              <Text className='pg-secondary'>等待对方用被邀请的手机号登录并刷脸同意。</Text>
              <Button
                className='pg-button pg-button--secondary'
                id={`grant-withdraw-${grant.id}`}
                data-testid='grant-withdraw'
                disabled={locked}
                onClick={() => onRevoke(grant)}
              >
                撤回邀请
              </Button>
            </>
          )))}
        </View>

        {sections.actingForMe.length ? (
          <View className='pg-card' id='family-acting-for-me' data-testid='family-acting-for-me'>
            <Text className='pg-card__title'>可以为我代办的家人</Text>
            {sections.actingForMe.map((grant) => grantCard(grant, (
              <Button
                className='pg-button pg-button--danger'
                id={`grant-revoke-${grant.id}`}
                data-testid='grant-revoke'
                disabled={locked}
                onClick={() => onRevoke(grant)}
              >
                解除授权
              </Button>
            )))}
          </View>
        ) : null}

        {sections.past.length ? (
          <View className='pg-card' id='family-past' data-testid='family-past'>
            <Text className='pg-card__title'>已结束</Text>
            {sections.past.map((grant) => grantCard(grant))}
          </View>
        ) : null}
      </View>
    )
  }

  const hint = phoneHint(phone)
  const inviteNeedsLevel = isApiError(inviteError) && inviteError.code === 'ASSURANCE_REQUIRED'

  return (
    <Screen id='family'>
      <Text className='pg-title'>家人代办</Text>
      <Text className='pg-subtitle'>子女可以帮父母等家人办事。家人刷脸同意后，您就能以家人的身份预约、取号和申办。</Text>

      {acceptNotice ? <View className='pg-notice' id='family-accepted' data-testid='family-accepted' role='status'>{acceptNotice}</View> : null}

      <Async id='family-load' load={grants}>
        {(data) => renderGrants(data.items)}
      </Async>

      <View className='pg-card' id='family-invite' data-testid='family-invite'>
        <Text className='pg-card__title'>邀请家人</Text>
        <Text className='pg-muted'>填写家人的手机号。需要您已完成实名认证。</Text>
        <View className='pg-field'>
          <Text className='pg-label'>家人的手机号</Text>
          <PhoneInput id='invite-phone' label='家人的手机号' autocomplete='off' value={phone} onChange={setPhone} />
          {hint ? <Text className='pg-hint' id='invite-phone-hint'>{hint}</Text> : null}
        </View>
        <Choices<ProxyRelation>
          id='invite-relation'
          label='对方是您的'
          options={RELATION_CHOICES}
          value={relation}
          onChange={setRelation}
          disabled={inviting}
        />
        {inviteNotice ? <View className='pg-notice' id='invite-notice' data-testid='invite-notice' role='status'>{inviteNotice}</View> : null}
        {inviteError ? <ErrorBox id='invite-error' error={inviteError} /> : null}
        {inviteNeedsLevel ? (
          <Button
            className='pg-button pg-button--secondary'
            id='invite-realname'
            data-testid='invite-realname'
            onClick={() => Taro.navigateTo({ url: realNamePageUrl({ next: FAMILY_PAGE, need: 2 }) })}
          >
            去实名认证
          </Button>
        ) : null}
        <Button
          className={`pg-button${inviting ? ' pg-button--disabled' : ''}`}
          id='invite-submit'
          data-testid='invite-submit'
          disabled={inviting || undefined}
          onClick={onInvite}
        >
          {inviting ? '正在发送…' : '发送邀请'}
        </Button>
      </View>
    </Screen>
  )
}
