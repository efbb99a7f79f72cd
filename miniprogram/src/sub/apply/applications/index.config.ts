export default definePageConfig({
  navigationBarTitleText: '我的办件',
})
