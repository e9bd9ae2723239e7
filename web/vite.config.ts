import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import AutoImport from 'unplugin-auto-import/vite'
import Components from 'unplugin-vue-components/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'

// Element Plus is imported on demand (components and their CSS) so the login and home pages
// stay within the first-load budget; the lead's C++ server proxies nothing, so in development
// `npm run dev` forwards /api to a locally started `lecs serve` (LECS_DEV_API, default :8080).
export default defineConfig({
  plugins: [
    vue(),
    AutoImport({
      resolvers: [ElementPlusResolver()],
      dts: 'src/auto-imports.d.ts',
    }),
    Components({
      resolvers: [ElementPlusResolver()],
      dts: 'src/components.d.ts',
    }),
  ],
  build: {
    target: 'es2020',
    // exceljs (~930 kB, 257 kB gzipped) is its own chunk, loaded only when a report is filled from
    // or into a spreadsheet; every chunk of the first load stays far below this.
    chunkSizeWarningLimit: 1000,
  },
  server: {
    proxy: {
      '/api': process.env.LECS_DEV_API ?? 'http://127.0.0.1:8080',
    },
  },
})
