export default definePageConfig({
  navigationBarTitleText: '办事',
  // Page-level reach-bottom loads the next page of results (a 加载更多 button does the same).
  onReachBottomDistance: 100,
})
