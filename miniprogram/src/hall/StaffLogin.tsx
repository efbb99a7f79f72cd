/**
 * The staff login of the hall's desk screens (window console, supervisor dashboard), and the session
 * they share: username and password, then the authenticator code when the server asks for it
 * (TOTP_REQUIRED). Staff tokens live apart from a resident's (staffTokens). H5 only.
 */
import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'

import { staffApi } from '../api/client'
import { errorText, isApiError, retryAfterSeconds } from '../api/errors'
import { type Staff, staffLogin, staffLogout, staffMe } from '../api/staff'
import { staffTokens } from '../api/tokens'
import { loginOutcome, loginProblem, normalizeTotp, TOTP_LENGTH } from '../utils/staffConsoleLogin'

import './staff/staff-common.css'

export interface StaffSession {
  staff: Staff | null
  /** Stored tokens are being checked (`GET /api/v1/staff/me`). */
  checking: boolean
  /** Why the stored session could not be checked (network): the login shows it. */
  error: unknown
  setStaff: (staff: Staff | null) => void
  logout: () => Promise<void>
}

/**
 * The logged-in staff member of a desk screen: read again from the server when tokens are stored; a lost
 * session (refresh refused) brings the login back on this screen instead of going to another page.
 */
export function useStaffSession (): StaffSession {
  const [staff, setStaff] = useState<Staff | null>(null)
  const [checking, setChecking] = useState(() => staffTokens.get() !== null)
  const [error, setError] = useState<unknown>(null)

  useEffect(() => {
    staffApi.setAuthLostHandler(() => setStaff(null))
    return () => staffApi.setAuthLostHandler(null)
  }, [])

  useEffect(() => {
    if (!staffTokens.get()) return
    let alive = true
    staffMe()
      .then((me) => { if (alive) setStaff(me) })
      .catch((e: unknown) => {
        if (!alive) return
        if (isApiError(e) && (e.status === 401 || e.status === 403)) staffTokens.clear()
        else setError(e)
      })
      .finally(() => { if (alive) setChecking(false) })
    return () => { alive = false }
  }, [])

  const logout = useCallback(async () => {
    try {
      await staffLogout()
    } finally {
      setStaff(null)
    }
  }, [])

  return { staff, checking, error, setStaff, logout }
}

interface StaffLoginProps {
  /** Prefix of the ids: `<id>-username`, `<id>-password`, `<id>-totp`, `<id>-submit`, `<id>-error`. */
  id: string
  title: string
  /** A sentence under the title: what this screen is for. */
  intro: string
  onLoggedIn: (staff: Staff) => void
  /** An error from checking a stored session, shown until the next attempt. */
  initialError?: unknown
}

export default function StaffLogin ({ id, title, intro, onLoggedIn, initialError }: StaffLoginProps) {
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [totp, setTotp] = useState('')
  const [needTotp, setNeedTotp] = useState(false)
  const [submitting, setSubmitting] = useState(false)
  const [message, setMessage] = useState(() => (initialError ? errorText(initialError) : ''))
  const totpRef = useRef<HTMLInputElement>(null)

  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5') return
    if (needTotp) totpRef.current?.focus()
  }, [needTotp])

  async function onSubmit (event: FormEvent) {
    event.preventDefault()
    if (submitting) return
    const problem = loginProblem({ username, password, totp }, needTotp)
    if (problem) {
      setMessage(problem)
      return
    }
    setSubmitting(true)
    setMessage('')
    try {
      const login = await staffLogin(username.trim(), password, needTotp ? totp : undefined)
      setPassword('')
      setTotp('')
      onLoggedIn(login.staff)
    } catch (e) {
      if (isApiError(e)) {
        const outcome = loginOutcome(e.code, errorText(e), needTotp, retryAfterSeconds(e))
        setNeedTotp(outcome.needTotp)
        if (outcome.clearTotp) setTotp('')
        setMessage(outcome.message)
      } else {
        setMessage(errorText(e))
      }
    } finally {
      setSubmitting(false)
    }
  }

  return (
    <View className='hs-login' id={id} data-testid={id}>
      <h1 className='hs-login__title'>{title}</h1>
      <Text className='hs-muted'>{intro}</Text>
      <form onSubmit={onSubmit} aria-label='工作人员登录' noValidate>
        <View className='hs-field'>
          <label className='hs-label' htmlFor={`${id}-username`}>用户名</label>
          <input
            className='hs-input' id={`${id}-username`} data-testid={`${id}-username`} autoComplete='username'
            value={username} onChange={(e) => setUsername(e.target.value)} autoFocus maxLength={64}
          />
        </View>
        <View className='hs-field'>
          <label className='hs-label' htmlFor={`${id}-password`}>密码</label>
          <input
            className='hs-input' id={`${id}-password`} data-testid={`${id}-password`} type='password'
            autoComplete='current-password' value={password} onChange={(e) => setPassword(e.target.value)} maxLength={256}
          />
        </View>
        {needTotp ? (
          <View className='hs-field'>
            <label className='hs-label' htmlFor={`${id}-totp`}>身份验证器动态码（{TOTP_LENGTH} 位数字）</label>
            <input
              ref={totpRef} className='hs-input' id={`${id}-totp`} data-testid={`${id}-totp`} inputMode='numeric'
              autoComplete='one-time-code' value={totp} onChange={(e) => setTotp(normalizeTotp(e.target.value))}
            />
          </View>
        ) : null}
        {message ? (
          <View className='pg-error' id={`${id}-error`} data-testid={`${id}-error`} role='alert'>{message}</View>
        ) : null}
        <button
          className='hs-btn hs-btn--big' type='submit' id={`${id}-submit`} data-testid={`${id}-submit`}
          disabled={submitting}
        >
          {submitting ? '正在登录…' : '登录'}
        </button>
      </form>
    </View>
  )
}
