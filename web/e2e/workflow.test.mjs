// The workflow home page (todos, due-soon, overdue, inbox) and the working-day calendar (REQUIREMENTS §18)
// in a real browser against a started `lecs serve` with the demo data (scripts/e2e).
// Expected dates are from the State Council notice for 2026 (国办发明电〔2025〕7号), worked out by hand:
//   5 工作日 from 2026-02-12 (Thu): 02-13 Fri, 02-14 Sat 调休上班, [02-15..02-23 春节], 02-24, 02-25, 02-26.
//   30 自然日 from 2026-09-03: 2026-10-03 is 国庆节 (off 10-01..10-07) → 顺延 to Thu 2026-10-08.
import assert from 'node:assert/strict'
import { rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import ExcelJS from 'exceljs'
import { byTestId, enrolTotp, inputOf, launch, loginToHome, logout, newPage, shot } from './lib.mjs'

let browser

before(async () => {
  browser = await launch()
})

after(async () => {
  await browser?.close()
})

const day = (page, date, type) =>
  page.locator(`[data-testid="cal-day-${date}"]` + (type ? `[data-type="${type}"]` : ''))

async function openCalendar(page, year) {
  await byTestId(page, 'menu-calendar').click()
  await page.waitForURL(/\/calendar$/)
  await byTestId(page, `calendar-year-${year}`).click()
  await day(page, `${year}-01-01`).waitFor()
}

async function computeDue(page, from, n, mode) {
  const fromInput = inputOf(page, 'calc-from')
  await fromInput.fill(from)
  await fromInput.press('Enter')
  const nInput = inputOf(page, 'calc-n')
  await nInput.fill(String(n))
  await nInput.press('Tab')
  await byTestId(page, mode === 'working' ? 'calc-mode-working' : 'calc-mode-calendar').click()
  const answer = page.waitForResponse((r) => r.url().includes('/api/v1/calendar/due'))
  await byTestId(page, 'calc-submit').click()
  const res = await answer
  assert.equal(res.status(), 200, `due date asked for ${from} + ${n} ${mode}`)
  assert.match(res.url(), new RegExp(`from=${from}&${mode === 'working' ? 'working_days' : 'calendar_days'}=${n}(&|$)`))
  const due = byTestId(page, 'calc-due')
  await due.waitFor()
  return due
}

describe('workflow', { concurrency: false }, () => {
  test('supervisor: home shows 待办事项, 即将到期, 已逾期 and 消息', async () => {
    const { context, page } = await newPage(browser)
    try {
      await loginToHome(page, 'city.sup1')
      for (const [id, title] of [
        ['home-todos', '待办事项'],
        ['home-due-soon', '即将到期'],
        ['home-overdue', '已逾期'],
        ['home-inbox', '消息'],
      ]) {
        await byTestId(page, id).waitFor()
        assert.equal((await byTestId(page, `${id}-title`).innerText()).trim(), title)
      }
      // Loaded: either items or the Chinese empty state, never both.
      await page.locator('[data-testid="todo-item"], [data-testid="home-todos-empty"]').first().waitFor()
      const todoCount = await byTestId(page, 'home-todos').locator('[data-testid="todo-item"]').count()
      assert.equal((await byTestId(page, 'home-todos-count').innerText()).trim(), String(todoCount))
      if (todoCount === 0) assert.equal((await byTestId(page, 'home-todos-empty').innerText()).trim(), '暂无待办事项')
      await page.locator('[data-testid="inbox-item"], [data-testid="home-inbox-empty"]').first().waitFor()
      assert.match(await byTestId(page, 'inbox-unread').innerText(), /^未读 \d+ 条$/)
      await shot(page, '30-home-panels-city.sup1')
      // 导出Excel of the to-do list: one row per to-do on the page (a zip container, read back).
      const [download] = await Promise.all([page.waitForEvent('download'), byTestId(page, 'todos-export').click()])
      assert.match(download.suggestedFilename(), /^待办事项-\d{4}-\d{2}-\d{2}\.xlsx$/)
      const file = join(tmpdir(), `lecs-todos-${process.pid}.xlsx`)
      await download.saveAs(file)
      const wb = new ExcelJS.Workbook()
      await wb.xlsx.readFile(file)
      rmSync(file, { force: true })
      // Title, header, the rows, then an empty row before the notes.
      const ws = wb.worksheets[0]
      const titles = []
      for (let n = 3; n <= ws.rowCount && ws.getRow(n).getCell(1).value; n++) titles.push(String(ws.getRow(n).getCell(1).value))
      const shown = await byTestId(page, 'home-todos').locator('[data-testid="todo-item"] .todo-title').allInnerTexts()
      assert.deepEqual(titles.sort(), shown.map((t) => t.trim()).sort())
      await logout(page)
    } finally {
      await context.close()
    }
  })

  test('supervisor: 2026 calendar shows 春节 and 调休上班; the 期限计算器 counts working and calendar days', async () => {
    const { context, page } = await newPage(browser)
    try {
      await loginToHome(page, 'city.sup1')
      await openCalendar(page, 2026)
      await day(page, '2026-02-16', 'off').waitFor()
      assert.match(await day(page, '2026-02-16').innerText(), /春节/)
      await day(page, '2026-02-14', 'workday').waitFor()
      assert.match(await day(page, '2026-02-14').innerText(), /班/)
      await day(page, '2026-10-01', 'off').waitFor()
      assert.match(await day(page, '2026-10-01').innerText(), /国庆节/)
      assert.equal(await day(page, '2026-03-02').getAttribute('data-type'), 'normal')
      assert.equal(await day(page, '2026-03-07').getAttribute('data-type'), 'weekend')
      assert.equal(await byTestId(page, 'calendar-provisional').count(), 0, '2026 is published')
      // Read-only for a supervisor: a click opens no editor.
      await day(page, '2026-03-02').click()
      assert.equal(await byTestId(page, 'calendar-edit-save').isVisible(), false)
      await shot(page, '30-calendar-2026')

      const due1 = await computeDue(page, '2026-02-12', 5, 'working')
      assert.equal(await due1.getAttribute('data-date'), '2026-02-26')
      assert.match(await due1.innerText(), /2026年2月26日（星期四）/)
      assert.equal(await byTestId(page, 'calc-reason').count(), 0, 'a working-day count is never moved')
      assert.equal(await byTestId(page, 'calc-provisional').count(), 0)
      await shot(page, '30-calc-working-days')

      const due2 = await computeDue(page, '2026-09-03', 30, 'calendar')
      assert.equal(await due2.getAttribute('data-date'), '2026-10-08')
      const reason = await byTestId(page, 'calc-reason').innerText()
      assert.match(reason, /2026年10月3日/)
      assert.match(reason, /顺延/)
      assert.match(reason, /国庆节/)
      await shot(page, '30-calc-calendar-days-moved')

      // Next year has no notice yet: the page says so and results reaching into it are provisional.
      await byTestId(page, 'calendar-year-2027').click()
      const warn = byTestId(page, 'calendar-provisional')
      await warn.waitFor()
      assert.match(await warn.innerText(), /该年度国务院节假日安排尚未发布，按周一至周五计算，结果为临时（provisional）/)
      await computeDue(page, '2026-12-28', 5, 'working')
      await byTestId(page, 'calc-provisional').waitFor()
      await logout(page)
    } finally {
      await context.close()
    }
  })

  test('system admin: edits refused in an unpublished year; a 2026 day made off and restored', async () => {
    const { context, page } = await newPage(browser)
    try {
      const { totpPrompt } = await loginToHome(page, 'sys')
      if (totpPrompt) await enrolTotp(page, 'sys')

      await openCalendar(page, 2027)
      const warn = byTestId(page, 'calendar-provisional')
      await warn.waitFor()
      assert.match(await warn.innerText(), /尚未发布/)
      await day(page, '2027-01-04').click()
      await byTestId(page, 'calendar-edit-type-off').click()
      await inputOf(page, 'calendar-edit-holiday').fill('测试')
      await byTestId(page, 'calendar-edit-save').click()
      const refusal = byTestId(page, 'calendar-edit-error')
      await refusal.waitFor()
      assert.match(await refusal.innerText(), /2027年节假日安排尚未发布，请先发布全年安排/)
      await shot(page, '30-calendar-2027-refused')
      await byTestId(page, 'calendar-edit-cancel').click()
      await byTestId(page, 'calendar-edit-save').waitFor({ state: 'hidden' })
      assert.equal(await day(page, '2027-01-04').getAttribute('data-type'), 'normal')

      await byTestId(page, 'calendar-year-2026').click()
      await day(page, '2026-02-16', 'off').waitFor()
      assert.equal(await day(page, '2026-12-31').getAttribute('data-type'), 'normal')
      await day(page, '2026-12-31').click()
      await byTestId(page, 'calendar-edit-type-off').click()
      await inputOf(page, 'calendar-edit-holiday').fill('测试')
      await byTestId(page, 'calendar-edit-save').click()
      await byTestId(page, 'calendar-edit-save').waitFor({ state: 'hidden' })
      await day(page, '2026-12-31', 'off').waitFor()
      assert.match(await day(page, '2026-12-31').innerText(), /测试/)
      await byTestId(page, 'calendar-special-2026-12-31').waitFor()
      await shot(page, '30-calendar-2026-12-31-off')

      await day(page, '2026-12-31').click()
      await byTestId(page, 'calendar-edit-type-normal').click()
      await byTestId(page, 'calendar-edit-save').click()
      await byTestId(page, 'calendar-edit-save').waitFor({ state: 'hidden' })
      await day(page, '2026-12-31', 'normal').waitFor()
      assert.doesNotMatch(await day(page, '2026-12-31').innerText(), /测试/)
      assert.equal(await byTestId(page, 'calendar-special-2026-12-31').count(), 0)
      await shot(page, '30-calendar-2026-12-31-restored')
      await logout(page)
    } finally {
      await context.close()
    }
  })

  // The 执法领域 that statistical reports roll up by (issue 7) is kept in the directory by org.write.
  test('system admin: sets an agency\'s 执法领域 in 组织机构', async () => {
    const { context, page } = await newPage(browser)
    try {
      const { totpPrompt } = await loginToHome(page, 'sys')
      if (totpPrompt) await enrolTotp(page, 'sys')
      await byTestId(page, 'menu-orgs').click()
      await page.waitForURL(/\/orgs$/)
      const node = byTestId(page, 'org-tree').locator('[data-testid="org-node"]', { hasText: /^\s*邢台市商务局\s*$/ }).first()
      await node.click()
      await byTestId(page, 'org-detail-name').filter({ hasText: '邢台市商务局' }).waitFor()
      assert.equal((await byTestId(page, 'org-domain').innerText()).trim(), '其他')
      await byTestId(page, 'org-domain-edit').click()
      await byTestId(page, 'org-domain-select').click()
      await page.locator('.el-select-dropdown__item:visible', { hasText: '市场监管' }).click()
      const saved = page.waitForResponse((r) => /\/api\/v1\/orgs\/\d+$/.test(r.url()) && r.request().method() === 'PATCH')
      await byTestId(page, 'org-domain-save').click()
      assert.equal((await saved).status(), 200)
      await page.waitForFunction(() => document.querySelector('[data-testid="org-domain"]')?.textContent?.trim() === '市场监管')
      await byTestId(page, 'org-history-item').filter({ hasText: '执法领域：其他 → 市场监管（事由：调整执法领域）' }).waitFor()
      await shot(page, '31-org-domain-set')
      await logout(page)
    } finally {
      await context.close()
    }
  })
})
