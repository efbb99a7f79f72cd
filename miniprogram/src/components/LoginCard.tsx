import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'

import { hasTokens } from '../api/tokens'
import { loginPageUrl } from '../utils/identityRoutes'

/** Whether the resident is logged in, checked again each time the page shows (back from the login page). */
export function useLoggedIn (): boolean {
  const [loggedIn, setLoggedIn] = useState(hasTokens)
  useDidShow(() => setLoggedIn(hasTokens()))
  return loggedIn
}

interface LoginCardProps {
  /** The card's id; the button is `<id>-button`. */
  id: string
  /** Why this needs a login, in a sentence. */
  text: string
  /** The page to come back to after the login. */
  redirect: string
  title?: string
}

/** Instead of what needs a login: what it is for, and 登录 that comes back to `redirect`. */
export default function LoginCard ({ id, text, redirect, title }: LoginCardProps) {
  return (
    <View className='pg-card' id={id} data-testid={id}>
      {title ? <Text className='pg-card__title'>{title}</Text> : null}
      <Text className='pg-text'>{text}</Text>
      <Button
        className='pg-button'
        id={`${id}-button`}
        data-testid={`${id}-button`}
        onClick={() => { Taro.navigateTo({ url: loginPageUrl({ redirect }) }).catch(() => undefined) }}
      >
        登录
      </Button>
    </View>
  )
}
