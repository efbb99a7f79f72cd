export default definePageConfig({
  navigationBarTitleText: '刷脸核验（测试）',
})
