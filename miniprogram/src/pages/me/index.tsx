import { useState } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'

import ErrorBox from '../../components/ErrorBox'
import { bindRealName, endSession, getMe, listSessions, logout } from '../../api/identity'
import { hasTokens } from '../../api/tokens'
import type { Resident, SessionInfo } from '../../api/types'
import { fieldProps } from '../../utils/fieldProps'
import { describeClient, formatDateTime, levelLabel, loginMethodLabel } from '../../utils/format'
import {
  ID_NUMBER_LENGTH, idNumberHint, NAME_MAX, nameHint, normalizeIdNumberInput,
} from '../../utils/validators'

import './index.css'

const LOGIN_PAGE = '/pages/login/index'
const HOME_PAGE = '/pages/home/index'

export default function Me () {
  const [me, setMe] = useState<Resident | null>(null)
  const [loadError, setLoadError] = useState<unknown>(null)
  const [sessions, setSessions] = useState<SessionInfo[] | null>(null)
  const [sessionsError, setSessionsError] = useState<unknown>(null)
  const [endingId, setEndingId] = useState<string | null>(null)

  const [name, setName] = useState('')
  const [idNumber, setIdNumber] = useState('')
  const [realNameBusy, setRealNameBusy] = useState(false)
  const [realNameError, setRealNameError] = useState<unknown>(null)
  const [loggingOut, setLoggingOut] = useState(false)

  async function loadSessions () {
    try {
      const list = await listSessions()
      setSessions(list.items)
      setSessionsError(null)
    } catch (e) {
      setSessionsError(e)
    }
  }

  async function load () {
    setLoadError(null)
    await Promise.all([
      getMe().then(setMe, setLoadError),
      loadSessions(),
    ])
  }

  useDidShow(() => {
    if (!hasTokens()) {
      Taro.redirectTo({ url: LOGIN_PAGE })
      return
    }
    load()
  })

  async function onBindRealName () {
    const trimmed = name.trim()
    if (trimmed === '' || idNumber.length !== ID_NUMBER_LENGTH || realNameBusy) return
    setRealNameBusy(true)
    setRealNameError(null)
    try {
      const updated = await bindRealName(trimmed, idNumber)
      setMe(updated)
      setName('')
      setIdNumber('')
      Taro.showToast({ title: '实名认证成功', icon: 'success' })
    } catch (e) {
      setRealNameError(e)
    } finally {
      setRealNameBusy(false)
    }
  }

  async function onEndSession (id: string) {
    if (endingId) return
    setEndingId(id)
    try {
      await endSession(id)
      Taro.showToast({ title: '已退出该设备', icon: 'success' })
    } catch (e) {
      setSessionsError(e)
    } finally {
      setEndingId(null)
      loadSessions()
    }
  }

  async function onLogout () {
    if (loggingOut) return
    setLoggingOut(true)
    try {
      await logout()
    } catch {
      // The tokens are gone from this device either way.
    }
    Taro.reLaunch({ url: HOME_PAGE })
  }

  const level = me?.assurance_level ?? 0
  const realNameReady = name.trim() !== '' && idNumber.length === ID_NUMBER_LENGTH && !realNameBusy
  const nHint = nameHint(name)
  const idHint = idNumberHint(idNumber)

  return (
    <View className='pg-page me' id='me' data-testid='me'>
      <Text className='pg-title'>我的</Text>

      {loadError ? <ErrorBox id='me-error' error={loadError} /> : null}
      {!me && !loadError ? <Text className='pg-subtitle' id='me-loading'>正在加载…</Text> : null}

      {me ? (
        <View className='pg-card' id='me-profile' data-testid='me-profile'>
          <Text className='pg-card__title'>个人信息</Text>
          <View className='me__item'>
            <Text className='me__item-label'>手机号</Text>
            <Text className='me__item-value' id='me-phone' data-testid='me-phone'>{me.phone || '未绑定'}</Text>
          </View>
          <View className='me__item'>
            <Text className='me__item-label'>姓名</Text>
            <Text className='me__item-value' id='me-name' data-testid='me-name'>{me.name || '未实名'}</Text>
          </View>
          <View className='me__item'>
            <Text className='me__item-label'>身份证号</Text>
            <Text className='me__item-value' id='me-id-number' data-testid='me-id-number'>{me.id_number || '未实名'}</Text>
          </View>
          <View className='me__item'>
            <Text className='me__item-label'>认证等级</Text>
            <Text
              className={`me__level me__level--${level}`}
              id='me-level'
              data-testid='me-level'
              data-level={level}
            >
              {levelLabel(level)}
            </Text>
          </View>
        </View>
      ) : null}

      {me && level < 2 ? (
        <View className='pg-card' id='realname' data-testid='realname'>
          <Text className='pg-card__title'>实名认证</Text>
          <Text className='pg-muted'>绑定姓名和身份证号后可办理更多业务。信息加密保存，页面只显示部分内容。</Text>
          {level < 1 ? (
            <Text className='pg-hint' id='realname-needs-phone'>实名认证需要先验证手机号。</Text>
          ) : null}
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
            {nHint ? <Text className='pg-hint' id='realname-name-hint'>{nHint}</Text> : null}
          </View>
          <View className='pg-field'>
            <Text className='pg-label'>身份证号</Text>
            <Input
              {...fieldProps('realname-id', '身份证号', { type: 'text', autocomplete: 'off' })}
              className='pg-input'
              type='idcard'
              maxlength={ID_NUMBER_LENGTH}
              placeholder='18 位身份证号码'
              value={idNumber}
              onInput={(e) => setIdNumber(normalizeIdNumberInput(e.detail.value))}
            />
            {idHint ? <Text className='pg-hint' id='realname-id-hint'>{idHint}</Text> : null}
          </View>
          {realNameError ? <ErrorBox id='realname-error' error={realNameError} /> : null}
          <Button
            className={`pg-button${realNameReady ? '' : ' pg-button--disabled'}`}
            id='realname-submit'
            data-testid='realname-submit'
            disabled={!realNameReady || undefined}
            onClick={onBindRealName}
          >
            {realNameBusy ? '正在提交…' : '提交实名认证'}
          </Button>
        </View>
      ) : null}

      <View className='pg-card'>
        <Text className='pg-card__title'>登录设备</Text>
        {sessionsError ? <ErrorBox id='sessions-error' error={sessionsError} /> : null}
        {sessions === null && !sessionsError ? <Text className='pg-muted'>正在加载…</Text> : null}
        <View id='sessions-list' data-testid='sessions-list' data-count={sessions?.length ?? 0}>
          {(sessions ?? []).map((s) => (
            <View className='me__session' key={s.id} id={`session-${s.id}`} data-testid='session-item' data-current={s.current ? 'true' : 'false'}>
              <View className='me__session-head'>
                <Text className='me__session-name'>{describeClient(s.client)}</Text>
                {s.current ? <Text className='me__session-current'>本机</Text> : null}
              </View>
              <Text className='me__session-meta'>
                {loginMethodLabel(s.method)}登录 · 最近使用 {formatDateTime(s.last_used_at)}
              </Text>
              <Text className='me__session-meta'>IP {s.ip || '未知'} · 登录于 {formatDateTime(s.created_at)}</Text>
              {s.current ? null : (
                <Button
                  className='pg-button pg-button--danger pg-button--small me__session-end'
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
      </View>

      <Button
        className='pg-button pg-button--danger'
        id='logout'
        data-testid='logout'
        disabled={loggingOut || undefined}
        onClick={onLogout}
      >
        {loggingOut ? '正在退出…' : '退出登录'}
      </Button>
      <Button
        className='pg-button pg-button--secondary'
        id='me-home'
        data-testid='me-home'
        onClick={() => Taro.reLaunch({ url: HOME_PAGE })}
      >
        返回首页
      </Button>
    </View>
  )
}
