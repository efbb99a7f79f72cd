// Every page of the app. The main package holds the pages people land on from outside (search,
// guides, halls, login, and the pages messages and short links open: appointment, ticket,
// application, rating, complaint); the journeys behind them load as subpackages, keeping the
// main package small (WeChat allows 2 MB). H5 uses hash routes: /#/pages/login/index
export default defineAppConfig({
  // The first page is the start page.
  pages: [
    'pages/home/index',
    'pages/items/index',
    'pages/item/index',
    'pages/halls/index',
    'pages/login/index',
    'pages/me/index',
    'pages/appointment/index',
    'pages/ticket/index',
    'pages/application/index',
    'pages/rating/index',
    'pages/complaint/index',
  ],
  subPackages: [
    { root: 'sub/identity', pages: ['real-name/index', 'face-sandbox/index', 'family/index', 'settings/index'] },
    { root: 'sub/booking', pages: ['book/index', 'appointments/index'] },
    { root: 'sub/queue', pages: ['take/index', 'tickets/index'] },
    { root: 'sub/apply', pages: ['form/index', 'applications/index', 'complaints/index'] },
    // The hall screens are H5 only (kiosks, boards and staff PCs run a browser): never in the mini-programs.
    ...(process.env.TARO_ENV === 'h5' ? [
      { root: 'hall', pages: ['kiosk/index', 'board/index', 'staff/index', 'supervisor/index'] },
    ] : []),
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
