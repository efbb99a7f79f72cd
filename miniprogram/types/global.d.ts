/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.gif'
declare module '*.jpg'
declare module '*.jpeg'
declare module '*.svg'
declare module '*.css'

declare namespace NodeJS {
  interface ProcessEnv {
    /** Build mode; affects the generated bundle. */
    NODE_ENV: 'development' | 'production'
    /** The target being built. */
    TARO_ENV: 'weapp' | 'swan' | 'alipay' | 'h5' | 'rn' | 'tt' | 'qq' | 'jd' | 'harmony' | 'jdrn'
    /** Mini-program appid, if set in a .env* file. */
    TARO_APP_ID?: string
    /** Base URL of the Flask API (declared in .env); empty means same origin. */
    TARO_APP_API_BASE?: string
  }
}
