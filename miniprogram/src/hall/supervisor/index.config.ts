export default definePageConfig({
  navigationBarTitleText: '监察看板',
})
