import { defineConfig } from 'vitest/config'

// .mts because the project itself is CommonJS (babel.config.js); don't add "type": "module".
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.{ts,tsx}'],
    environment: 'node',
  },
})
