import { defineStore } from 'pinia'
import { api, ApiError, type LoginAnswer, type Me, type User } from '../api'

const kAdminRoles = ['sys_admin', 'security_admin', 'audit_admin']

export const useSession = defineStore('session', {
  state: () => ({
    user: null as User | null,
    permissions: [] as string[],
    csrfToken: '' as string,
    // true once /me has been asked in this page load (answered or refused)
    checked: false,
  }),
  getters: {
    loggedIn: (s) => s.user !== null,
    mustChangePassword: (s) => s.user?.must_change_password === true,
    // 等保 L3: administrators use a second factor; the home page asks them to enrol.
    needsTotpEnrolment: (s) =>
      s.user !== null && !s.user.totp_enabled && s.user.roles.some((r) => kAdminRoles.includes(r)),
  },
  actions: {
    can(permission: string): boolean {
      return this.permissions.includes(permission)
    },
    setMe(me: Me) {
      this.user = me.user
      this.permissions = me.permissions ?? []
      this.csrfToken = me.csrf_token
      this.checked = true
    },
    clear() {
      this.user = null
      this.permissions = []
      this.csrfToken = ''
      this.checked = true
    },
    // Asks the server who we are; false when there is no session.
    async load(): Promise<boolean> {
      try {
        this.setMe(await api.get<Me>('/me', undefined, { noAuthRedirect: true }))
        return true
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) {
          this.clear()
          return false
        }
        throw e
      }
    },
    async login(username: string, password: string, totp?: string): Promise<void> {
      const body: Record<string, string> = { username, password }
      if (totp) body.totp = totp
      const ans = await api.post<LoginAnswer>('/auth/login', body, { noAuthRedirect: true })
      this.user = ans.user
      this.csrfToken = ans.csrf_token
      this.checked = true
      // The login answer has no permission list; /me has it. A password-change-first session
      // may be refused /me with 403, in which case the user goes to /password anyway.
      try {
        this.setMe(await api.get<Me>('/me', undefined, { noAuthRedirect: true }))
      } catch (e) {
        if (!(e instanceof ApiError && e.status === 403)) throw e
      }
    },
    async logout(): Promise<void> {
      try {
        await api.post<void>('/auth/logout', undefined, { noAuthRedirect: true })
      } catch (e) {
        // An expired session is already logged out.
        if (!(e instanceof ApiError && e.status === 401)) throw e
      } finally {
        this.clear()
      }
    },
  },
})
