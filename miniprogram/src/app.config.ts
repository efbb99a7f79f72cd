export default defineAppConfig({
  // The first page is the start page. H5 uses hash routes: /#/pages/login/index
  pages: ['pages/home/index', 'pages/login/index', 'pages/me/index'],
  window: {
    navigationBarTitleText: '掌上政务',
    navigationBarBackgroundColor: '#1d4ed8',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f5f7fa',
  },
})
