export default defineAppConfig({
  // The first page is the start page. H5 uses hash routes: /#/pages/login/index
  pages: [
    'pages/home/index',
    'pages/items/index',
    'pages/item/index',
    'pages/halls/index',
    'pages/login/index',
    'pages/me/index',
  ],
  window: {
    navigationBarTitleText: '掌上政务',
    navigationBarBackgroundColor: '#1d4ed8',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f5f7fa',
  },
  // WeChat only lets getLocation run when the app declares it and says why (办事大厅 nearest first).
  ...(process.env.TARO_ENV === 'weapp' ? {
    requiredPrivateInfos: ['getLocation'],
    permission: { 'scope.userLocation': { desc: '用于按距离排列附近的办事大厅' } },
  } : {}),
})
