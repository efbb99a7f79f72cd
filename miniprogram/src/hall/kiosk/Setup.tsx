import { useState } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'

import { cleanDeviceToken, type Device, whoAmI } from '../../api/device'
import { errorText } from '../../api/errors'

const KIND_WORDS: Record<string, string> = { display: '叫号屏', evaluator: '评价器', kiosk: '自助取号机' }

interface SetupProps {
  /** Why setup shows again (the token was refused), or ''. */
  notice: string
  onReady: (token: string, device: Device) => void
}

/**
 * First run: staff paste or type the device token an administrator registered for this kiosk
 * (`POST /api/v1/admin/devices`, kind `kiosk`). It is checked with `GET /api/v1/devices/me` before
 * it is kept. Staff use a keyboard here; residents never see this screen.
 */
export default function Setup ({ notice, onReady }: SetupProps) {
  const [text, setText] = useState('')
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState('')

  async function save () {
    const token = cleanDeviceToken(text)
    if (!token) {
      setProblem('请先输入设备令牌')
      return
    }
    setBusy(true)
    setProblem('')
    try {
      const device = await whoAmI(token)
      if (device.kind !== 'kiosk') {
        setProblem(`这个令牌属于${KIND_WORDS[device.kind] ?? '其他设备'}“${device.name}”，不是自助取号机。请使用登记为自助取号机（kiosk）的令牌。`)
        return
      }
      onReady(token, device)
    } catch (e) {
      setProblem(errorText(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='kiosk-setup' id='kiosk-setup' data-testid='kiosk-setup'>
      <Text className='kiosk-setup__title'>自助取号机设置</Text>
      {notice ? <View className='kiosk-setup__notice' id='kiosk-setup-notice' data-testid='kiosk-setup-notice' role='alert'>{notice}</View> : null}
      <Text className='kiosk-setup__text'>
        1. 系统管理员在后台登记本机：类型选“自助取号机”（kiosk），并复制设备令牌（以 pgd_ 开头，只显示一次）。
      </Text>
      <Text className='kiosk-setup__text'>2. 把令牌粘贴或输入到下面，点“检查并保存”。本机会记住令牌，重启后无需再输入。</Text>
      <Text className='kiosk-setup__label' id='kiosk-setup-token-label'>设备令牌</Text>
      <Input
        className='kiosk-setup__input'
        id='kiosk-setup-token'
        data-testid='kiosk-setup-token'
        aria-labelledby='kiosk-setup-token-label'
        value={text}
        placeholder='pgd_…'
        maxlength={200}
        onInput={(e) => setText(e.detail.value)}
        onConfirm={save}
      />
      {problem ? <View className='kiosk-setup__error' id='kiosk-setup-error' data-testid='kiosk-setup-error' role='alert'>{problem}</View> : null}
      <Button
        className={`kiosk-btn kiosk-btn--primary kiosk-setup__save${busy ? ' kiosk-btn--disabled' : ''}`}
        id='kiosk-setup-save'
        data-testid='kiosk-setup-save'
        disabled={busy || undefined}
        onClick={save}
      >
        {busy ? '正在检查…' : '检查并保存'}
      </Button>
    </View>
  )
}
