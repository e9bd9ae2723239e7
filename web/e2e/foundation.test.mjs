// The Foundation story in a real browser against a started `lecs serve` with the demo data.
// Needs LECS_E2E_URL (server base URL) and LECS_E2E_CERT (a valid certificate number).
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { byTestId, enrolTotp, inputOf, launch, loginToHome, logout, newPage, kPassword, shot, submitLogin } from './lib.mjs'

const kDemoAccounts = [
  'sys', 'sec', 'aud', 'city.leader', 'city.sup1', 'city.sup2', 'city.sup3', 'gov.leader', 'agency.scjg',
  'scjg.head', 'xindu.sup1', 'xindu.agency', 'xindu.room', 'ningjin.sup1', 'ningjin.leader', 'ningjin.gov',
  'ningjin.agency', 'ningjin.agency2', 'expert1', 'social1', 'eval1',
]

let browser

before(async () => {
  browser = await launch()
})

after(async () => {
  await browser?.close()
})

describe('foundation', { concurrency: false }, () => {
  test('supervisor: login, org tree, certificates, logout, public certificate check', async () => {
    const cert = process.env.LECS_E2E_CERT
    assert.ok(cert, 'LECS_E2E_CERT must name a valid certificate number')
    const { context, page } = await newPage(browser)
    try {
      await page.goto('/login')
      await shot(page, '01-login')
      await loginToHome(page, 'city.sup1')
      const name = (await byTestId(page, 'home-user-name').innerText()).trim()
      assert.notEqual(name, '', 'home shows the user display name')
      assert.equal((await byTestId(page, 'header-user').innerText()).trim(), name)
      assert.notEqual((await byTestId(page, 'home-org').innerText()).trim(), '', 'home shows the org')
      await shot(page, '02-home-city.sup1')

      await byTestId(page, 'menu-orgs').click()
      await page.waitForURL(/\/orgs$/)
      const tree = byTestId(page, 'org-tree')
      const bureau = tree.locator('[data-testid="org-node"]', { hasText: /^\s*邢台市司法局\s*$/ }).first()
      await bureau.waitFor()
      await shot(page, '03-org-tree')
      await bureau.click()
      await assert.doesNotReject(
        byTestId(page, 'org-detail-name').filter({ hasText: '邢台市司法局' }).waitFor(),
        'the detail panel shows the chosen org',
      )
      const detail = await byTestId(page, 'org-detail').innerText()
      assert.match(detail, /机构类型/)
      await shot(page, '04-org-detail')

      await byTestId(page, 'menu-certificates').click()
      await page.waitForURL(/\/certificates$/)
      const rows = byTestId(page, 'cert-table').locator('.el-table__body tr')
      await rows.first().waitFor()
      assert.ok((await rows.count()) > 0, 'the certificate list has rows')
      await shot(page, '05-certificates')

      await logout(page)
      await shot(page, '06-logged-out')

      await page.goto('/verify-certificate')
      await inputOf(page, 'cert-verify-input').fill(cert)
      await byTestId(page, 'cert-verify-submit').click()
      const verdict = byTestId(page, 'cert-verify-verdict')
      await verdict.waitFor()
      assert.equal((await verdict.innerText()).replace(/\s/g, ''), '有效')
      await shot(page, '07-verify-certificate')
    } finally {
      await context.close()
    }
  })

  test('public certificate check from the login page link, unknown number → 未查询到该证件', async () => {
    const { context, page } = await newPage(browser)
    try {
      await page.goto('/login')
      await byTestId(page, 'login-verify-link').click()
      await page.waitForURL(/\/verify-certificate$/)
      await inputOf(page, 'cert-verify-input').fill('E2E-NO-SUCH-CERT-000')
      await byTestId(page, 'cert-verify-submit').click()
      const result = byTestId(page, 'cert-verify-result')
      await result.waitFor()
      assert.match(await result.innerText(), /未查询到该证件/)
      await shot(page, '08-verify-not-found')
    } finally {
      await context.close()
    }
  })

  test('wrong password shows 用户名或密码错误', async () => {
    const { context, page } = await newPage(browser)
    try {
      await page.goto('/login')
      const res = await submitLogin(page, 'city.sup2', `${kPassword}-wrong`)
      assert.equal(res.status(), 401)
      const error = byTestId(page, 'login-error')
      await error.waitFor()
      assert.match(await error.innerText(), /用户名或密码错误/)
      assert.match(page.url(), /\/login/)
      await shot(page, '09-wrong-password')
    } finally {
      await context.close()
    }
  })

  test('audit admin: audit log lists rows and the chain verifies as 完整', async () => {
    const { context, page } = await newPage(browser)
    try {
      const { totpPrompt } = await loginToHome(page, 'aud')
      await shot(page, '10-home-aud')
      // Art 22 / 等保: the audit administrator must bind a second factor before reading the log.
      assert.ok(totpPrompt, 'aud is asked to bind TOTP first')
      await enrolTotp(page, 'aud')
      await shot(page, '10b-aud-totp-bound')
      await byTestId(page, 'menu-audit').click()
      await page.waitForURL(/\/audit$/)
      const rows = byTestId(page, 'audit-table').locator('.el-table__body tr')
      await rows.first().waitFor()
      assert.ok((await rows.count()) > 0, 'the audit log has rows')
      await byTestId(page, 'audit-verify').click()
      const result = byTestId(page, 'audit-verify-result')
      await result.waitFor()
      assert.match(await result.innerText(), /完整/)
      assert.doesNotMatch(await result.innerText(), /已被篡改/)
      await shot(page, '11-audit-verified')
      await logout(page)
    } finally {
      await context.close()
    }
  })

  test('supervisor sees no 审计日志 menu and is sent home from /audit', async () => {
    const { context, page } = await newPage(browser)
    try {
      await loginToHome(page, 'city.sup3')
      assert.equal(await byTestId(page, 'menu-audit').count(), 0)
      assert.equal(await byTestId(page, 'menu-orgs').count(), 1)
      await page.goto('/audit')
      await byTestId(page, 'home-welcome').waitFor()
      assert.doesNotMatch(page.url(), /\/audit/)
      await logout(page)
    } finally {
      await context.close()
    }
  })

  test('every demo account logs in from Chromium and reaches the home page', async (t) => {
    const totpPrompts = []
    for (const username of kDemoAccounts) {
      const { context, page } = await newPage(browser)
      try {
        const { totpPrompt } = await loginToHome(page, username)
        if (totpPrompt) totpPrompts.push(username)
        await shot(page, `20-home-${username}`)
        await logout(page)
      } catch (e) {
        await shot(page, `20-FAILED-${username}`).catch(() => {})
        throw new Error(`${username}: ${e.message}`)
      } finally {
        await context.close()
      }
    }
    t.diagnostic(`home page asked to enrol TOTP: ${totpPrompts.join(', ') || 'nobody'}`)
  })
})
