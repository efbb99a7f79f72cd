import { type PropsWithChildren } from 'react'
import { useLaunch } from '@tarojs/taro'

import './app.css'

function App ({ children }: PropsWithChildren) {
  useLaunch(() => {
    console.log('PalmGov launched')
  })

  // `children` is the page being shown.
  return children
}

export default App
