// Analysis → action and the leaders' cockpit in a real browser (Art 15; REQUIREMENTS §9; issue 7).
// The demo seed has ingested data/demo-acts.ndjson and demo-cases.ndjson for this year. city.leader opens
// 驾驶舱: six charts drawn on <canvas>, each with its 口径 and 数据日期; a figure opens the list behind it.
// city.sup1 opens 统计分析, reads the three lists with how each item was judged, drafts a 监督建议书 from
// the first high 复议纠错率 with one click, and on a county's agency is asked why the city handles it
// (提级监督) before a matter is opened.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { byTestId, launch, loginToHome, logout, newPage, shot } from './lib.mjs'

let browser

before(async () => {
  browser = await launch()
})

after(async () => {
  await browser?.close()
})

async function as(username, body) {
  const { context, page } = await newPage(browser)
  try {
    await loginToHome(page, username)
    await body(page)
    await logout(page)
  } finally {
    await context.close()
  }
}

const kSections = ['matters', 'disputes', 'warnings', 'reports', 'rates', 'acts']

describe('analysis and cockpit', () => {
  test('city.leader reads the cockpit: every chart with its 口径 and 数据日期, and a figure opens its list', async () => {
    await as('city.leader', async (page) => {
      await byTestId(page, 'menu-cockpit').click()
      await byTestId(page, 'cockpit').waitFor()
      for (const key of kSections) {
        await page.locator(`[data-testid="cockpit-chart-${key}"] canvas`).first().waitFor()
        assert.match(await byTestId(page, `cockpit-definition-${key}`).innerText(), /^口径：.+/)
        assert.match(await byTestId(page, `cockpit-date-${key}`).innerText(), /^数据日期：\d{4}-\d{2}-\d{2}$/)
      }
      assert.match(await byTestId(page, 'cockpit-definition-reports').innerText(), /截止日期\d{4}-01-31/)
      await shot(page, 'cockpit-city')
      await byTestId(page, 'cockpit-item-warnings-R1').click()
      await page.waitForURL(/\/monitoring\/warnings\?.*rule=R1/)
      await page.locator('[data-testid="menu-cockpit"]').click()
      await byTestId(page, 'cockpit-item-matters-open').click()
      await page.waitForURL(/\/supervision\/matters\?status=open/)
    })
  })

  test('city.sup1 drafts a 监督建议书 from a high 复议纠错率 and is asked why before opening a matter on a county agency', async () => {
    await as('city.sup1', async (page) => {
      await byTestId(page, 'menu-reports-analysis').click()
      await byTestId(page, 'analysis-summary').waitFor()
      const rows = page.locator('[data-testid="analysis-reconsideration-table"] .el-table__body tr')
      assert.ok((await rows.count()) > 0, 'the demo data hold a high 复议纠错率')
      assert.match(await rows.first().innerText(), /行政复议纠错率为[\d.]+%，高于20%的关注线/)
      await shot(page, 'analysis-city')

      const suggested = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/api/v1/supervision/suggestions'))
      await byTestId(page, 'analysis-reconsideration-suggest-0').click()
      assert.equal((await suggested).status(), 201)
      await page.waitForURL(/\/supervision\/suggestions/)

      await byTestId(page, 'menu-reports-analysis').click()
      await byTestId(page, 'analysis-summary').waitFor()
      // Outliers include county agencies in the demo data: the city opens a matter only with its reason.
      const outliers = page.locator('[data-testid="analysis-outliers-table"] .el-table__body tr')
      const n = await outliers.count()
      let index = -1
      for (let i = 0; i < n && index < 0; i++) if (/^(信都区|宁晋县)/.test(await outliers.nth(i).locator('td').first().innerText())) index = i
      assert.ok(index >= 0, 'the demo data hold an outlier among 信都区 or 宁晋县 agencies')
      await byTestId(page, `analysis-outliers-matter-${index}`).click()
      const box = page.locator('.el-message-box')
      await box.waitFor()
      assert.match(await box.innerText(), /提级监督理由/)
      await box.locator('input').fill('全市专项分析发现该机关数据异常，由市级提级监督')
      const opened = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/api/v1/supervision/matters'))
      await box.locator('.el-button--primary').click()
      assert.equal((await opened).status(), 201)
      await page.waitForURL(/\/supervision\/matters\/\d+/)
      await shot(page, 'analysis-matter')
    })
  })
})
