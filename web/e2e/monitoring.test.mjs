// Intelligent monitoring in a real browser (REQUIREMENTS §15; issue 6 "Done when").
// The demo seed has ingested data/demo-acts.ndjson (every rule fires at least once). xindu.sup1 opens
// 数据监测, reads the headline rates with their numerator and denominator, goes from the R2 figure to
// the warnings, narrows them to 信都区市场监督管理局 (xindu.agency's agency), reads R2's evidence (one
// officer where 《行政处罚法》第四十二条 asks two) and sends it to the agency. xindu.agency, on a phone,
// finds it on its to-do list, is refused an empty answer, and answers; xindu.sup1 then sees the answer
// in the warning's history, and on a phone goes from the agency's month on 数据监测 to its acts.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { baseUrl, byTestId, launch, loginToHome, logout, newPage, shot } from './lib.mjs'

let browser

before(async () => {
  browser = await launch()
})

after(async () => {
  await browser?.close()
})

const kAgency = '信都区市场监督管理局'
const textarea = (page, id) => page.locator(`[data-testid="${id}"] textarea, textarea[data-testid="${id}"]`).first()
const posted = (page, suffix) =>
  page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname.endsWith(suffix))
// The dialog has closed and its success message has gone (before a screenshot).
async function dialogGone(page) {
  await page.locator('.el-overlay-dialog:visible').waitFor({ state: 'hidden' })
  await page.locator('.el-message').waitFor({ state: 'detached' })
}
const stateIs = (page, text) =>
  page.waitForFunction((t) => document.querySelector('[data-testid="warning-state"]')?.textContent?.trim() === t, text)

async function as(username, body, viewport) {
  const { context, page } = await newPage(browser)
  try {
    await loginToHome(page, username)
    if (viewport) await page.setViewportSize(viewport)
    await body(page)
    await logout(page)
  } finally {
    await context.close()
  }
}

// Nothing sticks out of a phone's screen sideways (tables scroll inside their own box).
async function fitsWidth(page, width) {
  const { w, culprit } = await page.evaluate((max) => {
    // The outermost element reaching past the screen's edge, to name it when the check fails.
    let culprit = ''
    for (const el of document.querySelectorAll('body *')) {
      const r = el.getBoundingClientRect()
      let clipped = false
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        if (getComputedStyle(a).overflowX !== 'visible') clipped = true
      }
      if (!clipped && r.right > max + 0.5 && r.width > 0) {
        culprit = `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} ${el.getAttribute('data-testid') ?? ''} right=${r.right}`
        break
      }
    }
    return { w: document.documentElement.scrollWidth, culprit }
  }, width)
  assert.ok(w <= width, `the page fits ${width} px (scrollWidth ${w}; ${culprit})`)
}

describe('intelligent monitoring', { concurrency: false }, () => {
  let warningUrl
  let caseNo
  let actMonth

  test('xindu.sup1: from the R2 figure to the warnings of 信都区市场监督管理局, R2 evidence, sent to the agency', async () => {
    await as('xindu.sup1', async (page) => {
      await byTestId(page, 'menu-monitoring').click()
      await page.waitForURL(/\/monitoring$/)
      // The headline rates, each with its numerator, denominator and definition.
      for (const key of ['recon', 'lit', 'pub', 'cert']) {
        const card = byTestId(page, `rate-${key}`)
        await card.waitFor()
        assert.match(await byTestId(page, `rate-${key}-denominator`).innerText(), /^\d+$/)
      }
      assert.match(await byTestId(page, 'rate-cert').innerText(), /第四十二条/)
      await byTestId(page, 'chart-by-rule').locator('canvas').first().waitFor()
      await byTestId(page, 'chart-trend').locator('canvas').first().waitFor()
      const r2 = byTestId(page, 'by-rule-R2')
      await page.waitForFunction(() => Number(document.querySelector('[data-testid="by-rule-R2"]')?.textContent) > 0)
      assert.ok(Number(await r2.innerText()) >= 1, 'R2 fired on the demo data')
      await shot(page, '90-monitoring-overview')

      // The figure opens the warnings behind it.
      await r2.click()
      await page.waitForURL(/\/monitoring\/warnings\?.*rule=R2/)
      await byTestId(page, 'warning-total').waitFor()
      // Narrowed to xindu.agency's agency.
      await byTestId(page, 'warning-filter-agency').click()
      await page.keyboard.type(kAgency)
      await page.locator('.el-select-dropdown__item:visible', { hasText: new RegExp(`^${kAgency}$`) }).first().click()
      const listed = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/monitoring/warnings' && r.url().includes('agency='))
      await byTestId(page, 'warning-filter-submit').click()
      assert.equal((await listed).status(), 200)
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="warning-agency"]').length > 0)
      const agencies = await byTestId(page, 'warning-agency').allInnerTexts()
      assert.ok(agencies.length >= 1)
      for (const a of agencies) assert.equal(a.trim(), kAgency)
      await shot(page, '91-monitoring-warnings-r2-xindu')

      // R2's evidence and legal basis.
      await page.locator('[data-testid^="warning-row-"]').first().click()
      await page.waitForURL(/\/monitoring\/warnings\/\d+$/)
      warningUrl = new URL(page.url()).pathname
      await byTestId(page, 'warning-rule-name').waitFor()
      assert.equal((await byTestId(page, 'warning-rule-name').innerText()).trim(), '单人执法')
      assert.match(await byTestId(page, 'warning-basis').innerText(), /第四十二条/)
      assert.equal((await byTestId(page, 'warning-agency').innerText()).trim(), kAgency)
      caseNo = (await byTestId(page, 'warning-case-no').innerText()).trim()
      actMonth = (await byTestId(page, 'evidence-act_date').innerText()).replace(/^(\d{4})年(\d+)月.*$/s, (_, y, m) => `${y}-${m.padStart(2, '0')}`)
      // The figures that fired it: one officer, where the law asks two.
      assert.equal((await byTestId(page, 'evidence-officers').innerText()).trim(), '1')
      assert.equal((await byTestId(page, 'evidence-min_officers').innerText()).trim(), '2')
      assert.match(await byTestId(page, 'evidence-act_date').innerText(), /^\d{4}年\d+月\d+日/)
      assert.match(await byTestId(page, 'warning-summary').innerText(), /1名执法人员/)
      await stateIs(page, '待处理')
      await shot(page, '92-monitoring-r2-evidence')

      // A dismissal needs a reason: the server's refusal, in Chinese, in place.
      await byTestId(page, 'warning-action-dismiss').click()
      const refused = posted(page, '/dismiss')
      await byTestId(page, 'warning-dialog-ok').click()
      assert.equal((await refused).status(), 400)
      await byTestId(page, 'warning-dialog-error').getByText('「排除理由」不能为空').waitFor()
      await page.locator('.el-dialog__headerbtn:visible').click()
      await dialogGone(page)

      // Sent to the agency, with a note.
      await byTestId(page, 'warning-action-send').click()
      await textarea(page, 'warning-dialog-text').fill('请核实该案现场执法人员情况，5个工作日内反馈。')
      const sent = posted(page, '/send')
      await byTestId(page, 'warning-dialog-ok').click()
      const res = await sent
      assert.equal(res.status(), 200, await res.text())
      await stateIs(page, '已发送执法机关')
      assert.equal(await byTestId(page, 'warning-action-send').count(), 0, 'sent once')
      await byTestId(page, 'warning-history').getByText('发送至执法机关').waitFor()
      await dialogGone(page)
      await shot(page, '93-monitoring-r2-sent')
    })
  })

  test('xindu.agency on a phone: the warning on its to-do list, an empty answer refused, then answered', async () => {
    assert.ok(warningUrl, 'the first test sent a warning')
    await as(
      'xindu.agency',
      async (page) => {
        // The home page reloads at the phone's width.
        await page.reload()
        const todo = byTestId(page, 'home-todos').locator('[data-testid="todo-item"]', { hasText: '单人执法' }).first()
        await todo.waitFor()
        assert.match(await todo.innerText(), /反馈执法数据预警/)
        await fitsWidth(page, 375)
        await shot(page, '94-monitoring-agency-todo-phone')

        await todo.locator('[data-testid="todo-link"]').click()
        await page.waitForURL((u) => u.pathname === warningUrl)
        await stateIs(page, '已发送执法机关')
        assert.equal((await byTestId(page, 'evidence-officers').innerText()).trim(), '1')
        // Only the agency's own step is offered.
        assert.equal(await byTestId(page, 'warning-action-send').count(), 0)
        assert.equal(await byTestId(page, 'warning-action-dismiss').count(), 0)
        await byTestId(page, 'warning-action-respond').click()
        await byTestId(page, 'warning-dialog-ok').click()
        await byTestId(page, 'warning-dialog-error').getByText('「反馈情况」不能为空').waitFor()
        await textarea(page, 'warning-dialog-text').fill('经核查，该案现场检查由两名执法人员实施，另一名执法人员证号漏报，已补报并组织全员学习《行政处罚法》第四十二条。')
        const answered = posted(page, '/respond')
        await byTestId(page, 'warning-dialog-ok').click()
        const res = await answered
        assert.equal(res.status(), 200, await res.text())
        await stateIs(page, '执法机关已反馈')
        assert.match(await byTestId(page, 'warning-response').innerText(), /另一名执法人员证号漏报/)
        await dialogGone(page)
        await fitsWidth(page, 375)
        await shot(page, '95-monitoring-agency-responded-phone')

        // The to-do is done.
        await page.goto('/')
        await byTestId(page, 'home-todos-count').waitFor()
        await page.waitForFunction(() => !document.querySelector('[data-testid="home-todos-count"]')?.textContent?.includes('…'))
        assert.equal(await byTestId(page, 'home-todos').locator('[data-testid="todo-item"]', { hasText: '单人执法' }).count(), 0)
      },
      { width: 375, height: 812 },
    )
  })

  test('xindu.sup1 reads the answer in the history; 数据监测 fits a phone', async () => {
    await as(
      'xindu.sup1',
      async (page) => {
        await page.goto(warningUrl)
        await stateIs(page, '执法机关已反馈')
        const history = byTestId(page, 'warning-history')
        await history.getByText('执法机关反馈').waitFor()
        assert.match(await history.innerText(), /另一名执法人员证号漏报/)
        assert.match(await history.innerText(), /xindu\.agency|信都区/)
        await fitsWidth(page, 375)

        // 数据监测 on the phone, narrowed to the agency: a month's figure opens its acts, each with its warnings.
        await page.goto('/monitoring')
        await byTestId(page, 'rate-recon').waitFor()
        await byTestId(page, 'monitoring-filter-agency').click()
        await page.keyboard.type(kAgency)
        await page.locator('.el-select-dropdown__item:visible', { hasText: new RegExp(`^${kAgency}$`) }).first().click()
        const read = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/monitoring/indicators' && r.url().includes('agency='))
        await byTestId(page, 'monitoring-filter-submit').click()
        assert.equal((await read).status(), 200)
        await byTestId(page, 'monitoring-data-date').getByText(kAgency).waitFor()
        await byTestId(page, 'chart-by-rule').locator('canvas').first().waitFor()
        await byTestId(page, 'chart-trend').locator('canvas').first().waitFor()
        await page.locator('.el-select__popper:visible').first().waitFor({ state: 'hidden' })
        await fitsWidth(page, 375)
        await shot(page, '96-monitoring-agency-phone')
        await byTestId(page, `month-${actMonth}`).click()
        await page.waitForURL(/\/monitoring\/acts\?/)
        const act = byTestId(page, 'acts-table').locator('tr', { hasText: caseNo })
        await act.waitFor()
        assert.match(await act.innerText(), /单人执法/)
        await act.locator('a[data-testid^="acts-warning-"]', { hasText: '单人执法' }).click()
        await page.waitForURL((u) => u.pathname === warningUrl)
      },
      { width: 375, height: 812 },
    )
  })

  test('xindu.sup1 turns another open warning into a supervision matter (source 执法数据预警)', async () => {
    await as('xindu.sup1', async (page) => {
      await page.goto('/monitoring/warnings?state=open')
      await page.locator('[data-testid^="warning-row-"]').first().click()
      await page.waitForURL(/\/monitoring\/warnings\/\d+$/)
      const url = new URL(page.url()).pathname
      assert.notEqual(url, warningUrl)
      await stateIs(page, '待处理')
      await byTestId(page, 'warning-action-matter').click()
      const made = posted(page, '/matter')
      await byTestId(page, 'warning-dialog-ok').click()
      const res = await made
      assert.equal(res.status(), 200, await res.text())
      await page.waitForURL(/\/supervision\/matters\/\d+$/)
      assert.equal((await byTestId(page, 'matter-source').innerText()).trim(), '执法数据预警')
      await page.goto(url)
      await stateIs(page, '已转为监督事项')
      await byTestId(page, 'warning-matter-link').waitFor()
      assert.equal(await byTestId(page, 'warning-action-matter').count(), 0)
    })
  })

  test('a warning not sent to the agency stays hidden from it (404 in Chinese)', async () => {
    // The API answers the agency's own people only for warnings sent to them.
    const { context, page } = await newPage(browser)
    try {
      await loginToHome(page, 'xindu.sup1')
      const open = await page.evaluate(async () => {
        const r = await fetch('/api/v1/monitoring/warnings?state=open&size=1')
        return (await r.json()).items?.[0]?.id ?? null
      })
      await logout(page)
      assert.ok(open, 'an open warning in 信都区')
      await loginToHome(page, 'xindu.agency')
      await page.goto(`${baseUrl()}/monitoring/warnings/${open}`)
      await byTestId(page, 'warning-error').locator('.error-message').waitFor()
      assert.match(await byTestId(page, 'warning-error').innerText(), /未找到|不存在/)
      await logout(page)
    } finally {
      await context.close()
    }
  })
})
