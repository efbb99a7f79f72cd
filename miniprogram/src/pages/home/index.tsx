import { useEffect, useState } from 'react'
import { Button, Navigator, View, Text } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'

import { hasTokens } from '../../api/tokens'
import { apiUrl } from '../../api/url'
import { describeReadiness, describeRequestFailure, type Readiness } from '../../api/readiness'
import { HALLS_PAGE, itemsPageUrl } from '../../utils/routes'

import './index.css'

/** The most asked-for services: a search or a theme, so they hold for any city's catalog. */
const SHORTCUTS: { label: string, url: string }[] = [
  { label: '社保卡', url: itemsPageUrl({ q: '社保卡' }) },
  { label: '居住证', url: itemsPageUrl({ q: '居住证' }) },
  { label: '出入境', url: itemsPageUrl({ theme: '出入境' }) },
  { label: '身份证', url: itemsPageUrl({ q: '身份证' }) },
  { label: '公积金', url: itemsPageUrl({ theme: '公积金' }) },
  { label: '医保', url: itemsPageUrl({ theme: '医保' }) },
]

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
        查办事指南，一次告知所需材料
      </Text>
      <Navigator className='home__search' url={itemsPageUrl({ focus: true })} id='home-search' data-testid='home-search'>
        <Text className='home__search-text'>搜索办事事项，如 社保卡、shbk</Text>
      </Navigator>
      <View className='home__shortcuts' id='home-shortcuts' data-testid='home-shortcuts'>
        {SHORTCUTS.map((shortcut) => (
          <Navigator key={shortcut.label} className='home__shortcut' url={shortcut.url} data-testid='home-shortcut'>
            {shortcut.label}
          </Navigator>
        ))}
      </View>
      <View className='home__links'>
        <Navigator className='pg-button pg-button--secondary home__link' url={itemsPageUrl()} id='home-items' data-testid='home-items'>
          全部事项
        </Navigator>
        <Navigator className='pg-button pg-button--secondary home__link' url={HALLS_PAGE} id='home-halls' data-testid='home-halls'>
          办事大厅
        </Navigator>
      </View>
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
