/** Leaving the identity pages for where the resident was going. */
import Taro from '@tarojs/taro'

import { previousIsPage } from './identityRoutes'
import { HOME_PAGE } from './routes'

function previousRoute (): string | undefined {
  try {
    const pages = Taro.getCurrentPages()
    const previous = pages[pages.length - 2] as { route?: string, path?: string } | undefined
    return previous?.route ?? previous?.path
  } catch {
    return undefined
  }
}

/**
 * Opens `url` in place of the current page: by going back when the page below is that page (it
 * keeps what was entered there and reloads on show), else by replacing this one. If neither
 * works (a broken stack), the app starts again at `url`, then at the home page.
 */
export async function returnTo (url: string): Promise<void> {
  try {
    if (previousIsPage(previousRoute(), url)) await Taro.navigateBack({ delta: 1 })
    else await Taro.redirectTo({ url })
  } catch {
    await Taro.reLaunch({ url }).catch(() => Taro.reLaunch({ url: HOME_PAGE }))
  }
}
