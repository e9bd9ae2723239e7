import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { configureApi } from './api'
import { router } from './router'
import { useSession } from './stores/session'
import './style.css'
// ElMessage is called from script, so its style is not picked up by the component resolver.
import 'element-plus/es/components/message/style/css'

const app = createApp(App)
const pinia = createPinia()
app.use(pinia)
app.use(router)

const session = useSession(pinia)
configureApi({
  csrfToken: () => session.csrfToken || undefined,
  onUnauthorized: () => {
    session.clear()
    const current = router.currentRoute.value
    if (!current.meta.public) {
      void router.replace({ name: 'login', query: current.fullPath !== '/' ? { redirect: current.fullPath } : {} })
    }
  },
  onPasswordChangeRequired: () => {
    void router.replace({ name: 'password' })
  },
})

app.mount('#app')
