import { Text, View } from '@tarojs/components'

import type { Badge } from '../utils/catalogFormat'

export default function Badges ({ badges }: { badges: Badge[] }) {
  return (
    <View className='pg-badges'>
      {badges.map((badge) => (
        <Text key={badge.text} className={`pg-badge pg-badge--${badge.tone}`} data-testid='badge'>{badge.text}</Text>
      ))}
    </View>
  )
}
