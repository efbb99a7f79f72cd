/** Small values kept on the device (localStorage on H5, the mini-program's own storage elsewhere). */
import Taro from '@tarojs/taro'

export function readStored<T> (key: string, accept: (value: unknown) => value is T): T | null {
  try {
    let value: unknown = Taro.getStorageSync(key)
    if (typeof value === 'string' && value !== '') value = JSON.parse(value)
    return accept(value) ? value : null
  } catch {
    return null
  }
}

export function writeStored (key: string, value: unknown): void {
  Taro.setStorageSync(key, value)
}

export function removeStored (key: string): void {
  try {
    Taro.removeStorageSync(key)
  } catch {
    // Nothing stored, or storage unavailable: either way it is gone.
  }
}
