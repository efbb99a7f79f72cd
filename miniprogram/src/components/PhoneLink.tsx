import { Text, View } from '@tarojs/components'

import { callPhone } from '../utils/device'

/** `咨询电话 0571-55500001`; tapping it calls (Taro.makePhoneCall). */
export default function PhoneLink ({ label, phone, id }: { label: string, phone: string, id?: string }) {
  return (
    <View className='pg-phone' id={id} data-testid={id} role='link' onClick={() => callPhone(phone)}>
      <Text className='pg-phone__label'>{label}</Text>
      <Text className='pg-phone__number'>{phone}</Text>
      <Text className='pg-phone__action'>拨打</Text>
    </View>
  )
}
