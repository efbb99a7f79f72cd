/**
 * Choosing a file for a material: a photo from the camera or the album on every platform, a PDF
 * (or photo) from the files on H5, a PDF from a chat on WeChat (wx.chooseMessageFile).
 */
import Taro from '@tarojs/taro'

export type PickSource = 'camera' | 'album' | 'file' | 'chat'

export interface Picked {
  /** A temp path in the mini-programs, a blob: URL on H5. */
  path: string
  size?: number
  name?: string
  type?: string
}

/** The ways to pick a file this platform offers, in the order the buttons show. */
export function pickSources (): { source: PickSource, label: string }[] {
  if (process.env.TARO_ENV === 'h5') {
    return [{ source: 'camera', label: '拍照' }, { source: 'file', label: '选择照片或 PDF' }]
  }
  const sources: { source: PickSource, label: string }[] = [{ source: 'camera', label: '拍照' }, { source: 'album', label: '从相册选择' }]
  if (process.env.TARO_ENV === 'weapp') sources.push({ source: 'chat', label: '从聊天记录选 PDF' })
  return sources
}

function cancelled (error: unknown): boolean {
  const message = (error as { errMsg?: string } | null)?.errMsg ?? ''
  return /cancel|abort/i.test(message)
}

/** The H5 file dialog for photos and PDFs; null when the resident closes it without a file. */
function pickOnH5 (): Promise<Picked | null> {
  return new Promise((resolve) => {
    if (process.env.TARO_ENV !== 'h5') {
      resolve(null)
      return
    }
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = 'image/jpeg,image/png,application/pdf,.jpg,.jpeg,.png,.pdf'
    input.setAttribute('style', 'position: fixed; top: -4000px; left: -3000px;')
    input.setAttribute('aria-hidden', 'true')
    const done = (picked: Picked | null) => {
      input.remove()
      resolve(picked)
    }
    input.addEventListener('change', () => {
      const file = input.files?.[0]
      done(file ? { path: URL.createObjectURL(file), size: file.size, name: file.name, type: file.type } : null)
    })
    input.addEventListener('cancel', () => done(null))
    document.body.appendChild(input)
    input.click()
  })
}

interface TempFile {
  path: string
  size?: number
  type?: string
  name?: string
  originalFileObj?: { name?: string, type?: string }
}

function fromTemp (file: TempFile | undefined): Picked | null {
  if (!file) return null
  const original = file.originalFileObj // H5: the File the browser gave
  return {
    path: file.path,
    size: file.size,
    name: original?.name ?? file.name,
    type: original?.type ?? (file.type && file.type.includes('/') ? file.type : undefined),
  }
}

/**
 * Opens the camera, the album, the file dialog or the chat picker. Resolves null when the resident
 * cancels; rejects when the platform refuses (no permission), with a message to show.
 */
export async function pickFile (source: PickSource): Promise<Picked | null> {
  try {
    if (source === 'file') return await pickOnH5()
    if (source === 'chat') {
      if (process.env.TARO_ENV !== 'weapp') return null
      const res = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['pdf', 'jpg', 'jpeg', 'png'] })
      return fromTemp(res.tempFiles[0] as TempFile)
    }
    const res = await Taro.chooseImage({ count: 1, sizeType: ['compressed'], sourceType: [source] })
    return fromTemp((res.tempFiles as TempFile[])[0])
  } catch (error) {
    if (cancelled(error)) return null
    throw new Error(source === 'camera' ? '无法打开相机，请在手机设置中允许使用相机' : '无法打开相册或文件，请检查权限设置')
  }
}

/** Frees the memory an H5 blob: URL holds once its file is uploaded. */
export function releasePicked (picked: Picked): void {
  if (process.env.TARO_ENV === 'h5' && picked.path.startsWith('blob:')) URL.revokeObjectURL(picked.path)
}
