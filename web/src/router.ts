import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import { useSession } from './stores/session'

declare module 'vue-router' {
  interface RouteMeta {
    public?: boolean
    permission?: string
    title?: string
  }
}

// Every page except login is its own chunk, so the first load is the login page only.
const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: () => import('./views/LoginView.vue'), meta: { public: true, title: '登录' } },
  {
    path: '/verify-certificate',
    name: 'verify-certificate',
    component: () => import('./views/VerifyCertificateView.vue'),
    meta: { public: true, title: '证件查验' },
  },
  {
    path: '/verify/:token',
    name: 'verify-document',
    component: () => import('./views/VerifyDocumentView.vue'),
    meta: { public: true, title: '公文核验' },
  },
  { path: '/password', name: 'password', component: () => import('./views/PasswordView.vue'), meta: { title: '修改密码' } },
  {
    path: '/',
    component: () => import('./views/LayoutView.vue'),
    children: [
      { path: '', name: 'home', component: () => import('./views/HomeView.vue'), meta: { title: '首页' } },
      { path: 'orgs', name: 'orgs', component: () => import('./views/OrgsView.vue'), meta: { permission: 'org.read', title: '组织机构' } },
      { path: 'people', name: 'people', component: () => import('./views/PeopleView.vue'), meta: { permission: 'person.read', title: '执法人员' } },
      {
        path: 'certificates',
        name: 'certificates',
        component: () => import('./views/CertificatesView.vue'),
        meta: { permission: 'cert.read', title: '执法证件' },
      },
      {
        path: 'disputes',
        name: 'disputes',
        component: () => import('./views/DisputesView.vue'),
        meta: { permission: 'dispute.read', title: '职责争议协调' },
      },
      {
        path: 'disputes/:id',
        name: 'dispute',
        component: () => import('./views/DisputeView.vue'),
        meta: { permission: 'dispute.read', title: '职责争议' },
      },
      {
        path: 'supervision/matters',
        name: 'supervision-matters',
        component: () => import('./views/SupervisionMattersView.vue'),
        meta: { permission: 'supervision.read', title: '行政执法监督事项' },
      },
      {
        path: 'supervision/matters/:id',
        name: 'supervision-matter',
        component: () => import('./views/SupervisionMatterView.vue'),
        meta: { permission: 'supervision.read', title: '监督事项' },
      },
      {
        path: 'supervision/clues',
        name: 'supervision-clues',
        component: () => import('./views/SupervisionCluesView.vue'),
        meta: { permission: 'supervision.read', title: '监督线索' },
      },
      {
        path: 'supervision/suggestions',
        name: 'supervision-suggestions',
        component: () => import('./views/SupervisionSuggestionsView.vue'),
        meta: { permission: 'supervision.read', title: '行政执法监督建议书' },
      },
      {
        path: 'supervision/guidance',
        name: 'supervision-guidance',
        component: () => import('./views/SupervisionGuidanceView.vue'),
        meta: { permission: 'supervision.read', title: '指导请求' },
      },
      {
        path: 'monitoring',
        name: 'monitoring',
        component: () => import('./views/MonitoringView.vue'),
        meta: { permission: 'monitoring.read', title: '数据监测' },
      },
      {
        path: 'monitoring/warnings',
        name: 'monitoring-warnings',
        component: () => import('./views/MonitoringWarningsView.vue'),
        meta: { permission: 'monitoring.read', title: '监测预警' },
      },
      {
        // An agency's liaison opens a warning sent to it from its to-do list (monitoring.respond):
        // the server decides who may read which warning.
        path: 'monitoring/warnings/:id',
        name: 'monitoring-warning',
        component: () => import('./views/MonitoringWarningView.vue'),
        meta: { title: '预警详情' },
      },
      {
        path: 'monitoring/acts',
        name: 'monitoring-acts',
        component: () => import('./views/MonitoringActsView.vue'),
        meta: { permission: 'monitoring.read', title: '执法行为明细' },
      },
      {
        path: 'reports',
        name: 'reports',
        component: () => import('./views/ReportsView.vue'),
        meta: { permission: 'report.read', title: '统计报表' },
      },
      {
        path: 'reports/aggregate',
        name: 'reports-aggregate',
        component: () => import('./views/ReportsAggregateView.vue'),
        meta: { permission: 'report.review', title: '报表汇总' },
      },
      {
        path: 'reports/:id',
        name: 'report',
        component: () => import('./views/ReportView.vue'),
        meta: { permission: 'report.read', title: '统计报表' },
      },
      {
        path: 'cockpit',
        name: 'cockpit',
        component: () => import('./views/CockpitView.vue'),
        meta: { permission: 'cockpit.read', title: '领导驾驶舱' },
      },
      {
        path: 'reports/analysis',
        name: 'reports-analysis',
        component: () => import('./views/AnalysisView.vue'),
        meta: { permission: 'report.review', title: '统计分析' },
      },
      {
        path: 'documents',
        name: 'documents',
        component: () => import('./views/DocumentsView.vue'),
        meta: { permission: 'doc.read', title: '公文管理' },
      },
      {
        path: 'documents/:id',
        name: 'document',
        component: () => import('./views/DocumentView.vue'),
        meta: { permission: 'doc.read', title: '文书' },
      },
      { path: 'calendar', name: 'calendar', component: () => import('./views/CalendarView.vue'), meta: { title: '工作日历' } },
      { path: 'audit', name: 'audit', component: () => import('./views/AuditView.vue'), meta: { permission: 'audit.read', title: '审计日志' } },
      { path: 'users', name: 'users', component: () => import('./views/UsersView.vue'), meta: { permission: 'user.read', title: '用户管理' } },
    ],
  },
  { path: '/:rest(.*)*', redirect: '/' },
]

export const router = createRouter({
  history: createWebHistory(),
  routes,
})

router.beforeEach(async (to) => {
  const session = useSession()
  if (to.meta.public) return true
  if (!session.checked) {
    try {
      await session.load()
    } catch {
      // The server is unreachable or failing: the login page shows the error on the next attempt.
      return { name: 'login' }
    }
  }
  if (!session.loggedIn) return { name: 'login', query: to.fullPath !== '/' ? { redirect: to.fullPath } : {} }
  if (session.mustChangePassword && to.name !== 'password') return { name: 'password' }
  if (to.meta.permission && !session.can(to.meta.permission)) return { name: 'home' }
  return true
})

router.afterEach((to) => {
  document.title = to.meta.title ? `${to.meta.title} - 邢台市行政执法协调监督平台` : '邢台市行政执法协调监督平台'
})
