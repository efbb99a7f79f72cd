/** Phone calls, outside links and the resident's position, the same way on H5, WeChat and Alipay. */
import Taro from '@tarojs/taro'

import { formatNear } from '../api/catalogQuery'
import { dialable } from './catalogFormat'
import { withTimeout } from './timing'

const LOCATION_TIMEOUT_MS = 10000

export function callPhone (phone: string): void {
  Taro.makePhoneCall({ phoneNumber: dialable(phone) }).catch(() => undefined) // the resident cancelled
}

/**
 * Opens a page outside the app: a new tab on H5. The mini-programs cannot open an outside
 * address without a registered web-view domain, so the link is copied for a browser instead.
 */
export function openExternal (url: string): void {
  if (process.env.TARO_ENV === 'h5') {
    window.open(url, '_blank', 'noopener')
    return
  }
  Taro.setClipboardData({ data: url })
    .then(() => Taro.showToast({ title: '链接已复制，请在浏览器中打开', icon: 'none', duration: 3000 }))
    .catch(() => undefined)
}

/**
 * The resident's position as `lat,lng` for `near=`. Rejects when refused, unavailable or
 * unanswered for 10 s. WGS84: the only system Taro's H5 getLocation offers.
 */
export async function currentNear (): Promise<string> {
  const position = await withTimeout(Taro.getLocation({ type: 'wgs84' }), LOCATION_TIMEOUT_MS, '获取位置超时')
  const near = formatNear(position.latitude, position.longitude)
  if (!near) throw new Error('位置无效')
  return near
}
