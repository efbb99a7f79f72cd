import { useEffect, useState } from 'react'
import { Button, View, Text } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'

import { hasTokens } from '../../api/tokens'
import { apiUrl } from '../../api/url'
import { describeReadiness, describeRequestFailure, type Readiness } from '../../api/readiness'

import './index.css'

async function fetchReadiness (): Promise<Readiness> {
  try {
    const res = await Taro.request({ url: apiUrl('/readyz'), method: 'GET', dataType: 'json', timeout: 10000 })
    return describeReadiness(res.statusCode, res.data)
  } catch (error) {
    return describeRequestFailure(error)
  }
}

export default function Home () {
  const [readiness, setReadiness] = useState<Readiness | null>(null)
  const [loggedIn, setLoggedIn] = useState(() => hasTokens())

  useEffect(() => {
    let active = true
    fetchReadiness().then((result) => {
      if (active) setReadiness(result)
    })
    return () => {
      active = false
    }
  }, [])

  // Coming back from login or logout changes which entry is shown.
  useDidShow(() => setLoggedIn(hasTokens()))

  const state = readiness === null ? 'loading' : readiness.ok ? 'ok' : 'error'

  return (
    <View className='home' id='home' data-testid='home'>
      <Text className='home__title' id='app-title' data-testid='app-title'>掌上政务 PalmGov</Text>
      <Text className='home__notice' id='app-notice' data-testid='app-notice'>
        服务正在建设中，敬请期待。
      </Text>
      <View
        className={`home__status home__status--${state}`}
        id='api-status'
        data-testid='api-status'
        data-state={state}
      >
        <Text className='home__status-label' id='api-status-label'>
          {readiness === null ? '正在检查服务状态…' : readiness.label}
        </Text>
        {readiness?.detail ? (
          <Text className='home__status-detail' id='api-status-detail' data-testid='api-status-detail'>
            {readiness.detail}
          </Text>
        ) : null}
      </View>
      <View className='home__entry'>
        {loggedIn ? (
          <Button
            className='pg-button'
            id='home-me'
            data-testid='home-me'
            onClick={() => Taro.navigateTo({ url: '/pages/me/index' })}
          >
            我的
          </Button>
        ) : (
          <Button
            className='pg-button'
            id='home-login'
            data-testid='home-login'
            onClick={() => Taro.navigateTo({ url: '/pages/login/index' })}
          >
            登录
          </Button>
        )}
      </View>
    </View>
  )
}
