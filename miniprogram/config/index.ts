import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import TsconfigPathsPlugin from 'tsconfig-paths-webpack-plugin'

// One Taro config for every target: `taro build --type h5|weapp|alipay`.
export default defineConfig<'webpack5'>(async (merge) => {
  const base: UserConfigExport<'webpack5'> = {
    projectName: 'palmgov-miniprogram',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    // One output folder per target (dist/h5, dist/weapp, dist/alipay) so builds don't clobber each other;
    // PALMGOV_DIST builds somewhere else (a check build beside a running server).
    outputRoot: process.env.PALMGOV_DIST || `dist/${process.env.TARO_ENV}`,
    plugins: [],
    defineConstants: {},
    framework: 'react',
    compiler: {
      type: 'webpack5',
      // Dev-mode dependency prebundling crashes with Taro 4.2.0 + enhanced-resolve 5.27
      // (it passes `roots` as a string: "options.roots.map is not a function", then
      // "_writeVirtualFile is not a function"). Production builds never prebundle.
      prebundle: { enable: false },
    },
    // The persistent webpack cache (node_modules/.cache) is opt-in: TARO_CACHE=1 npm run build:h5
    cache: { enable: process.env.TARO_CACHE === '1' },
    mini: {
      postcss: { pxtransform: { enable: true, config: {} } },
      webpackChain (chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin)
      },
    },
    h5: {
      // Flask serves dist/h5 at `/` and routes only js/, css/, static/ and assets/ beside index.html.
      publicPath: '/',
      staticDirectory: 'static',
      // Hash URLs (/#/pages/...) so the server only ever has to return index.html.
      router: { mode: 'hash' },
      // [fullhash] rather than [contenthash] for entry files: the dev server's HMR needs it.
      output: {
        filename: 'js/[name].[fullhash:8].js',
        chunkFilename: 'js/[name].[chunkhash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[fullhash:8].css',
        chunkFilename: 'css/[name].[chunkhash:8].css',
      },
      // `npm run dev:h5` (http://localhost:10086/): same-origin API calls go to a local Flask.
      devServer: {
        proxy: [{ context: ['/api', '/readyz', '/healthz'], target: 'http://127.0.0.1:5000' }],
      },
      postcss: { autoprefixer: { enable: true, config: {} } },
      webpackChain (chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin)
        // The Taro + React runtime alone is ~320 KiB minified, over webpack's 244 KiB default;
        // warn only when the bundle really grows.
        chain.performance.maxEntrypointSize(512 * 1024).maxAssetSize(512 * 1024)
      },
    },
  }
  return merge({}, base)
})
