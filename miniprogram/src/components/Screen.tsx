import { type PropsWithChildren, useEffect, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'

import { type Acting, getActing, stopActing } from '../store/acting'
import { isElderly, onElderlyChange } from '../store/preferences'

interface ScreenProps {
  /** The page's id (and data-testid), e.g. `booking`. */
  id: string
  className?: string
}

/**
 * The frame of every page: elderly mode (.pg-elderly) and, while the resident acts for a
 * relative (代办), a banner saying for whom, with a way to stop. Both are read again each time
 * the page shows, so a change on the settings or family page holds everywhere.
 */
export default function Screen ({ id, className, children }: PropsWithChildren<ScreenProps>) {
  const [elderly, setElderly] = useState(isElderly)
  const [acting, setActing] = useState<Acting | null>(getActing)

  useEffect(() => onElderlyChange(setElderly), [])
  useEffect(() => {
    // H5: Taro's page container is what scrolls; keyboard users must be able to reach it (WCAG 2.1.1).
    if (process.env.TARO_ENV !== 'h5') return
    const container = document.getElementById(id)?.closest('.taro_page')
    if (container && !container.hasAttribute('tabindex')) container.setAttribute('tabindex', '0')
  }, [id])
  useDidShow(() => {
    setElderly(isElderly())
    setActing(getActing())
  })

  const classes = ['pg-page', elderly ? 'pg-elderly' : '', className ?? ''].filter(Boolean).join(' ')
  return (
    <View className={classes} id={id} data-testid={id} data-elderly={elderly ? '1' : '0'}>
      {acting ? (
        <View className='pg-acting' id='acting-banner' data-testid='acting-banner' role='status'>
          <Text>正在为 {acting.name} 代办</Text>
          <Button
            className='pg-button pg-button--secondary pg-button--small'
            id='acting-stop'
            aria-label='结束代办，回到为自己办理'
            onClick={() => {
              stopActing()
              setActing(null)
            }}
          >
            结束代办
          </Button>
        </View>
      ) : null}
      {children}
    </View>
  )
}
