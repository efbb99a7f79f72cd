export default defineAppConfig({
  pages: ['pages/home/index'],
  window: {
    navigationBarTitleText: '掌上政务',
    navigationBarBackgroundColor: '#1d4ed8',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f5f7fa',
  },
})
