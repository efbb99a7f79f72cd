import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'

import {
  type ConsentList, deleteAccount, exportMyData, getNotificationSettings, listConsents, type NotificationSettings,
  type NotificationSettingsUpdate, updateNotificationSettings, updatePreferences, withdrawFaceConsent,
} from '../../../api/account'
import { errorText, isApiError } from '../../../api/errors'
import { endSession, listSessions, logout, type SessionList } from '../../../api/identity'
import { clearTokens, hasTokens } from '../../../api/tokens'
import Async from '../../../components/Async'
import Choices from '../../../components/Choices'
import ErrorBox from '../../../components/ErrorBox'
import LoginCard from '../../../components/LoginCard'
import Screen from '../../../components/Screen'
import { isElderly, rememberElderly } from '../../../store/preferences'
import { describeClient, formatDateTime, loginMethodLabel } from '../../../utils/format'
import { CHANNEL_CHOICES } from '../../../utils/identityFamily'
import { loginPageUrl } from '../../../utils/identityRoutes'
import { HOME_PAGE, SETTINGS_PAGE } from '../../../utils/routes'
import { useLoad } from '../../../utils/useLoad'

import './index.css'

type OnOff = 'on' | 'off'
const ON_OFF = [{ value: 'on', label: '接收' }, { value: 'off', label: '不接收' }] as const
const MODES = [{ value: 'standard', label: '标准模式' }, { value: 'elderly', label: '长辈模式（大字）' }] as const

function never<T> (): Promise<T> {
  return new Promise<T>(() => undefined)
}

async function confirm (title: string, content: string): Promise<boolean> {
  try {
    return (await Taro.showModal({ title, content, confirmText: '确定', cancelText: '取消' })).confirm
  } catch {
    return false
  }
}

export default function Settings () {
  const loggedIn = hasTokens()
  const [elderly, setElderly] = useState(isElderly)
  const [elderlyNotice, setElderlyNotice] = useState('')

  // Nothing to ask the server while logged out: those sections show a login button instead.
  const notify = useLoad(() => (loggedIn ? getNotificationSettings() : never<NotificationSettings>()), [loggedIn])
  const consents = useLoad(() => (loggedIn ? listConsents() : never<ConsentList>()), [loggedIn])
  const sessions = useLoad(() => (loggedIn ? listSessions() : never<SessionList>()), [loggedIn])

  const [saving, setSaving] = useState<NotificationSettingsUpdate | null>(null)
  const [notifyError, setNotifyError] = useState<unknown>(null)
  const [withdrawing, setWithdrawing] = useState(false)
  const [consentError, setConsentError] = useState<unknown>(null)
  const [endingId, setEndingId] = useState<string | null>(null)
  const [sessionError, setSessionError] = useState<unknown>(null)
  const [loggingOut, setLoggingOut] = useState(false)
  const [dataBusy, setDataBusy] = useState<'export' | 'delete' | null>(null)
  const [dataNotice, setDataNotice] = useState('')
  const [dataError, setDataError] = useState<unknown>(null)

  async function onElderly (on: boolean) {
    // This device follows at once; the account keeps it for the resident's other devices.
    rememberElderly(on)
    setElderly(on)
    if (!loggedIn) {
      setElderlyNotice('已在本机生效。登录后可保存到您的账号。')
      return
    }
    setElderlyNotice('')
    try {
      await updatePreferences(on)
      setElderlyNotice('已保存。您在其他手机上登录时也会使用此设置。')
    } catch (e) {
      setElderlyNotice(isApiError(e) && e.status === 404
        ? '已在本机生效。暂时无法保存到账号，在其他手机上需要另行设置。'
        : `已在本机生效，保存到账号时出错：${errorText(e)}`)
    }
  }

  async function onNotify (change: NotificationSettingsUpdate) {
    if (saving) return
    setSaving(change)
    setNotifyError(null)
    try {
      await updateNotificationSettings(change)
      await notify.reload()
    } catch (e) {
      setNotifyError(e)
    } finally {
      setSaving(null)
    }
  }

  async function onWithdraw () {
    if (withdrawing || !(await confirm('撤回人脸识别授权', '撤回后将不能在线刷脸核验，需要时可到大厅窗口核验身份。'))) return
    setWithdrawing(true)
    setConsentError(null)
    try {
      await withdrawFaceConsent()
      await consents.reload()
    } catch (e) {
      setConsentError(e)
    } finally {
      setWithdrawing(false)
    }
  }

  async function onEndSession (id: string) {
    if (endingId) return
    setEndingId(id)
    setSessionError(null)
    try {
      await endSession(id)
      Taro.showToast({ title: '已退出该设备', icon: 'success' })
    } catch (e) {
      setSessionError(e)
    } finally {
      setEndingId(null)
      sessions.reload()
    }
  }

  async function onLogout () {
    if (loggingOut || !(await confirm('退出登录', '确定退出登录吗？'))) return
    setLoggingOut(true)
    try {
      await logout()
    } catch {
      // The tokens are gone from this device either way.
    }
    Taro.reLaunch({ url: HOME_PAGE })
  }

  // Both need a login in the last 10 minutes: an older one is asked to log in again (docs/privacy.md).
  function needsFreshLogin (e: unknown): boolean {
    return isApiError(e) && e.code === 'AUTH_FRESH_LOGIN_REQUIRED'
  }

  async function onExport () {
    if (dataBusy) return
    setDataBusy('export')
    setDataError(null)
    setDataNotice('')
    try {
      const data = await exportMyData()
      await Taro.setClipboardData({ data: JSON.stringify(data, null, 2) })
      setDataNotice('您的全部数据已复制到剪贴板（含完整身份证号），请妥善保存，不要发给他人。')
    } catch (e) {
      setDataError(e)
    } finally {
      setDataBusy(null)
    }
  }

  async function onDelete () {
    if (dataBusy || !(await confirm('注销账号', '注销后将删除您的手机号、姓名、身份证号和登录方式，所有设备立即退出，无法恢复。已提交的办件、评价按规定保留。确定注销吗？'))) return
    setDataBusy('delete')
    setDataError(null)
    setDataNotice('')
    try {
      await deleteAccount()
      clearTokens()
      Taro.showToast({ title: '账号已注销', icon: 'success' })
      Taro.reLaunch({ url: HOME_PAGE })
    } catch (e) {
      setDataError(e)
      setDataBusy(null)
    }
  }

  function renderNotify (data: NotificationSettings) {
    const shown = { ...data, ...(saving ?? {}) }
    const busy = saving !== null
    return (
      <View id='notify-settings' data-testid='notify-settings' data-channel={shown.channel}>
        <Choices
          id='notify-channel'
          label='通知方式'
          options={CHANNEL_CHOICES}
          value={shown.channel}
          onChange={(channel) => onNotify({ channel })}
          disabled={busy}
        />
        <Text className='pg-muted'>{CHANNEL_CHOICES.find((c) => c.value === shown.channel)?.hint}</Text>
        <Choices<OnOff>
          id='notify-reminders'
          label='预约和排队提醒'
          options={ON_OFF}
          value={shown.reminders ? 'on' : 'off'}
          onChange={(v) => onNotify({ reminders: v === 'on' })}
          disabled={busy}
        />
        <Choices<OnOff>
          id='notify-progress'
          label='办件进度通知'
          options={ON_OFF}
          value={shown.progress ? 'on' : 'off'}
          onChange={(v) => onNotify({ progress: v === 'on' })}
          disabled={busy}
        />
        <Text className='pg-muted'>登录验证码，以及需要您处理的事（如补正材料、预约被取消）总会通知您。</Text>
        {notifyError ? <ErrorBox id='notify-error' error={notifyError} /> : null}
      </View>
    )
  }

  return (
    <Screen id='settings' key={elderly ? 'elderly' : 'standard'}>
      <Text className='pg-title'>设置</Text>

      <View className='pg-card' id='settings-elderly' data-testid='settings-elderly'>
        <Text className='pg-card__title'>显示模式</Text>
        <Choices
          id='elderly-mode'
          label='字体大小'
          options={MODES}
          value={elderly ? 'elderly' : 'standard'}
          onChange={(mode) => onElderly(mode === 'elderly')}
        />
        <Text className='pg-muted'>长辈模式字更大、按钮更大、颜色对比更强。</Text>
        {elderlyNotice ? <View className='pg-notice' id='elderly-notice' data-testid='elderly-notice' role='status'>{elderlyNotice}</View> : null}
      </View>

      {loggedIn ? null : (
        <LoginCard id='settings-login' text='登录后可以设置消息通知、管理登录设备。' redirect={SETTINGS_PAGE} />
      )}

      {loggedIn ? (
        <View className='pg-card' id='settings-notify' data-testid='settings-notify'>
          <Text className='pg-card__title'>消息通知</Text>
          <Async id='notify-load' load={notify}>{renderNotify}</Async>
        </View>
      ) : null}

      {loggedIn ? (
        <View className='pg-card' id='settings-consent' data-testid='settings-consent'>
          <Text className='pg-card__title'>人脸识别授权</Text>
          <Async id='consent-load' load={consents}>
            {(data) => {
              const face = data.items.find((c) => c.kind === 'face')
              return face ? (
                <View id='consent-face' data-testid='consent-face' data-granted='true'>
                  <Text className='pg-text'>已同意（版本 {face.version}，{formatDateTime(face.granted_at)}）</Text>
                  {consentError ? <ErrorBox id='consent-withdraw-error' error={consentError} /> : null}
                  <Button
                    className='pg-button pg-button--danger'
                    id='consent-withdraw'
                    data-testid='consent-withdraw'
                    disabled={withdrawing || undefined}
                    onClick={onWithdraw}
                  >
                    {withdrawing ? '正在撤回…' : '撤回授权'}
                  </Button>
                </View>
              ) : (
                <Text className='pg-text' id='consent-face' data-testid='consent-face' data-granted='false'>
                  未授权。需要刷脸核验时会先征求您的同意。
                </Text>
              )
            }}
          </Async>
        </View>
      ) : null}

      {loggedIn ? (
        <View className='pg-card' id='settings-devices' data-testid='settings-devices'>
          <Text className='pg-card__title'>登录设备</Text>
          {sessionError ? <ErrorBox id='sessions-error' error={sessionError} /> : null}
          <Async id='sessions-load' load={sessions} isEmpty={(data) => data.items.length === 0} emptyText='没有登录中的设备'>
            {(data) => (
              <View id='sessions-list' data-testid='sessions-list' data-count={data.items.length}>
                {data.items.map((s) => (
                  <View className='settings__session' key={s.id} id={`session-${s.id}`} data-testid='session-item' data-current={s.current ? 'true' : 'false'}>
                    <View className='settings__session-head'>
                      <Text className='settings__session-name'>{describeClient(s.client)}</Text>
                      {s.current ? <Text className='pg-badge pg-badge--green settings__session-current'>本机</Text> : null}
                    </View>
                    <Text className='pg-secondary'>
                      {loginMethodLabel(s.method)}登录 · 最近使用 {formatDateTime(s.last_used_at)}
                    </Text>
                    <Text className='pg-secondary'>IP {s.ip || '未知'} · 登录于 {formatDateTime(s.created_at)}</Text>
                    {s.current ? null : (
                      <Button
                        className='pg-button pg-button--danger pg-button--small settings__session-end'
                        id={`session-end-${s.id}`}
                        data-testid='session-end'
                        data-session-id={s.id}
                        disabled={endingId !== null || undefined}
                        onClick={() => onEndSession(s.id)}
                      >
                        {endingId === s.id ? '正在退出…' : '退出该设备'}
                      </Button>
                    )}
                  </View>
                ))}
              </View>
            )}
          </Async>
        </View>
      ) : null}

      {loggedIn ? (
        <View className='pg-card' id='settings-data' data-testid='settings-data'>
          <Text className='pg-card__title'>我的数据与账号</Text>
          <Text className='pg-muted'>为保护您的信息，导出数据和注销账号需要在登录后 10 分钟内操作。</Text>
          {dataNotice ? <View className='pg-notice' id='data-notice' data-testid='data-notice' role='status'>{dataNotice}</View> : null}
          {dataError ? <ErrorBox id='data-error' error={dataError} /> : null}
          {needsFreshLogin(dataError) ? (
            <Button
              className='pg-button'
              id='data-relogin'
              data-testid='data-relogin'
              onClick={() => { Taro.navigateTo({ url: loginPageUrl({ redirect: SETTINGS_PAGE }) }).catch(() => undefined) }}
            >
              重新登录
            </Button>
          ) : null}
          <Button
            className='pg-button'
            id='data-export'
            data-testid='data-export'
            disabled={dataBusy !== null || undefined}
            onClick={onExport}
          >
            {dataBusy === 'export' ? '正在导出…' : '导出我的数据'}
          </Button>
          <Button
            className='pg-button pg-button--danger'
            id='account-delete'
            data-testid='account-delete'
            disabled={dataBusy !== null || undefined}
            onClick={onDelete}
          >
            {dataBusy === 'delete' ? '正在注销…' : '注销账号'}
          </Button>
        </View>
      ) : null}

      {loggedIn ? (
        <Button
          className='pg-button pg-button--danger'
          id='logout'
          data-testid='logout'
          disabled={loggingOut || undefined}
          onClick={onLogout}
        >
          {loggingOut ? '正在退出…' : '退出登录'}
        </Button>
      ) : null}
    </Screen>
  )
}
