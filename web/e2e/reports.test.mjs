// Statistical reports in a real browser (Art 15; REQUIREMENTS §9; issue 7). The demo seed has ingested
// data/demo-acts.ndjson and data/demo-cases.ndjson; 邢台市市场监督管理局 (USCC 11130500MB00000037,
// agency.scjg's agency) has 15 acts decided or closed in 2026 (2 penalties in August, both fines only,
// 3,657元 and 45,882元; 6 licence decisions; 7 inspections), 2 reconsiderations (维持, 驳回) and 3 lawsuits
// (胜诉, 驳回, 驳回), so its 2026 annual report opens pre-filled with those figures.
//   a. agency.scjg opens the report: the figures from the data are marked; the 填报模板 is downloaded
//      and completed; a CSV with a word for a number is refused at its cell; the template as if from
//      another layout version is refused; the completed one is uploaded; the rule 持证人数 ≤ 执法人员数
//      fails at its cell; the liaison corrects it, changes 罚没金额, saves and submits.
//   b. city.sup1 sees 罚没金额 differ from the data in 与数据比对, follows it to the month's acts, is
//      refused a return without a reason, and returns it with a reason on that field.
//   c. agency.scjg opens it from its to-do list, reads the reason at the field, corrects the figure
//      and resubmits; city.sup1 accepts.
//   d. city.sup1 reads 报送情况 (2026 on time, 催报 refused before the due date; 2025 逾期未报
//      highlighted, 催报 reaching each of those agencies, the list exported and read back), opens 报表汇总
//      for the city with only accepted reports, exports the .xlsx and reads it back: its totals are the
//      API's and the accepted figures.
//   e. city.leader opens the 领导驾驶舱: its charts are drawn, and its 2025 annual-report figure 逾期未报
//      is the count 报送情况 gave in d; the figure opens those agencies in 报送情况.
import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import ExcelJS from 'exceljs'
import { byTestId, inputOf, launch, loginToHome, logout, newPage, shot } from './lib.mjs'

let browser
let work

before(async () => {
  browser = await launch()
  work = mkdtempSync(join(tmpdir(), 'lecs-e2e-reports-'))
})

after(async () => {
  await browser?.close()
  if (work) rmSync(work, { recursive: true, force: true })
})

const kAgency = '邢台市市场监督管理局'
// Beijing's date today: the server judges due dates by it (the 2026 report is due 2027-01-31).
const kToday = new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10)
const kUscc = '11130500MB00000037'

// What the data give for 2026 (the header above), as the form shows them (amounts in 万元).
const kFromData = {
  S_PENALTY: '2',
  S_LICENSE: '6',
  S_COERCION: '0',
  S_INSPECTION: '7',
  S_LEVY: '0',
  S_TOTAL: '15',
  P_TOTAL: '2',
  P_FINE: '2', // both penalties are fines only (a decision counts once, under its heaviest type)
  P_WARNING: '0',
  P_AMOUNT: '4.9539',
  L_DECIDED: '6',
  I_TOTAL: '7',
  R_COUNTED: '2',
  G_COUNTED: '3',
}

// What the liaison writes into the 填报模板 for the fields the data cannot give; Z_HOLDERS is one
// too many on purpose (持证人数不能多于执法人员数).
const kTyped = {
  P_WARNING: 0, P_CRITICISM: 0, P_FINE: 2, P_CONFISCATION: 0, P_PERMIT: 0, P_BUSINESS: 0, P_DETENTION: 0, P_OTHER: 0,
  L_APPLIED: 7, L_ACCEPTED: 6, L_GRANTED: 6, L_REFUSED: 0, L_REVOKED: 0,
  C_SEAL: 0, C_SEIZE: 0, C_FREEZE: 0, C_M_OTHER: 0, C_MEASURES: 0, C_SURCHARGE: 0, C_TRANSFER: 0, C_AUCTION: 0,
  C_REMOVAL: 0, C_SUBSTITUTE: 0, C_E_OTHER: 0, C_EXECUTION: 0, C_TOTAL: 0, C_COURT: 0,
  V_COUNT: 0, V_AMOUNT: 0,
  R_UPHELD: 1, R_DISMISSED: 1, R_REVOKED: 0, R_CHANGED: 0, R_ILLEGAL: 0, R_VOID: 0, R_ORDERED: 0, R_CORRECTED: 0,
  R_SETTLED: 0, R_TERMINATED: 0, R_CONCLUDED: 2,
  G_UPHELD: 3, G_REVOKED: 0, G_CHANGED: 0, G_ILLEGAL: 0, G_VOID: 0, G_ORDERED: 0, G_PAYMENT: 0, G_LOST: 0,
  G_WITHDRAWN: 0, G_SETTLED: 0, G_OTHER: 0, G_CONCLUDED: 3,
  Z_STAFF: 5, Z_HOLDERS: 6,
}

const kReason = '罚没金额与执法数据统计的4.9539万元不一致，请核对两件罚款决定的金额后更正。'

const textarea = (page, id) => page.locator(`[data-testid="${id}"] textarea, textarea[data-testid="${id}"]`).first()
const cell = (page, code) => inputOf(page, `cell-${code}`)
const answered = (page, method, re) =>
  page.waitForResponse((r) => r.request().method() === method && re.test(new URL(r.url()).pathname))
const stateIs = (page, text) =>
  page.waitForFunction((t) => document.querySelector('[data-testid="report-state"]')?.textContent?.trim() === t, text)
async function messagesGone(page) {
  await page.locator('.el-message').first().waitFor({ state: 'detached' })
}

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

// Opens the report from the list (filtered to the period), as its reader would.
async function openFromList(page) {
  await byTestId(page, 'menu-reports').click()
  await page.waitForURL(/\/reports$/)
  await inputOf(page, 'report-filter-period').fill('2026')
  const listed = answered(page, 'GET', /^\/api\/v1\/reports$/)
  await byTestId(page, 'report-filter-submit').click()
  assert.equal((await listed).status(), 200)
  const row = byTestId(page, 'report-table').locator('tr', { hasText: kAgency })
  await row.first().waitFor()
  await row.first().locator('a[data-testid^="report-row-"]').click()
  await page.waitForURL(/\/reports\/\d+$/)
  await byTestId(page, 'report-state').waitFor()
}

describe('statistical reports (Art 15)', { concurrency: false }, () => {
  let reportPath
  let missing2025

  test('a. agency.scjg: the 2026 annual report pre-filled from data, completed from the 填报模板, one figure changed, saved and submitted', async () => {
    await as('agency.scjg', async (page) => {
      await byTestId(page, 'menu-reports').click()
      await page.waitForURL(/\/reports$/)
      await byTestId(page, 'report-fill-year').click()
      await page.locator('.el-select-dropdown__item:visible', { hasText: '2026年度' }).click()
      const opened = answered(page, 'POST', /^\/api\/v1\/reports$/)
      await byTestId(page, 'report-fill-annual').click()
      const res = await opened
      assert.equal(res.status(), 200, await res.text())
      assert.equal((await res.json()).created, true, 'opened for the first time')
      await page.waitForURL(/\/reports\/\d+$/)
      reportPath = new URL(page.url()).pathname
      await stateIs(page, '草稿')
      assert.equal((await byTestId(page, 'report-title').innerText()).trim(), `${kAgency}2026年度行政执法统计年报`)

      // The figures from the data, each marked 来自数据.
      for (const [code, v] of Object.entries(kFromData)) {
        assert.equal(await cell(page, code).inputValue(), v, `${code} from the data`)
        await byTestId(page, `cell-prefill-${code}`).getByText('来自数据').waitFor()
      }
      // A field the data cannot give is blank and fails 必填 in place.
      assert.equal(await cell(page, 'Z_STAFF').inputValue(), '')
      assert.match(await byTestId(page, 'cell-failure-Z_STAFF').innerText(), /必填/)
      assert.ok(Number(await byTestId(page, 'report-failure-count').innerText()) > 0)
      await shot(page, 'a0-report-prefilled')

      // The 填报模板 holds the figures from the data; the liaison completes it and uploads it.
      const [download] = await Promise.all([page.waitForEvent('download'), byTestId(page, 'report-download-template').click()])
      assert.match(download.suggestedFilename(), /2026年度行政执法统计年报填报模板\.xlsx$/)
      const file = join(work, 'template.xlsx')
      await download.saveAs(file)
      const wb = new ExcelJS.Workbook()
      await wb.xlsx.readFile(file)
      const sheet = wb.getWorksheet('填报')
      assert.ok(sheet, 'sheet 填报')
      assert.equal(sheet.getRow(1).getCell(1).value, '栏目代码')
      assert.equal(sheet.getRow(1).getCell(2).value, '数值')
      const rowOf = {}
      sheet.eachRow((row, n) => {
        if (n > 1) rowOf[row.getCell(1).value] = row
      })
      assert.equal(rowOf.S_INSPECTION.getCell(2).value, 7)
      assert.equal(rowOf.P_AMOUNT.getCell(2).value, 4.9539)
      assert.equal(rowOf.P_AMOUNT.getCell(5).value, '万元')
      assert.equal(rowOf.Z_STAFF.getCell(2).value, null)
      for (const [code, v] of Object.entries(kTyped)) {
        if (rowOf[code].getCell(2).value === null) rowOf[code].getCell(2).value = v
      }

      // Before uploading it, a CSV with a word where a number goes: the server names the cell, in Chinese.
      const csv = join(work, 'bad.csv')
      writeFileSync(csv, '栏目名称,数值\n罚款,两件\n')
      let saved = answered(page, 'PUT', /^\/api\/v1\/reports\/\d+$/)
      await byTestId(page, 'report-upload-input').setInputFiles(csv)
      assert.equal((await saved).status(), 400)
      await byTestId(page, 'cell-error-P_FINE').waitFor()
      assert.match(await byTestId(page, 'cell-error-P_FINE').innerText(), /罚款/)
      assert.match(await byTestId(page, 'report-action-error').innerText(), /两件/)

      // The completed 填报模板, first as if made from another version of the layout: refused whole.
      const help = wb.getWorksheet('填写说明')
      let versionRow = null
      help.eachRow((row) => {
        if (String(row.getCell(1).value).startsWith('报表模板：annual 第1版')) versionRow = row
      })
      assert.ok(versionRow, 'the template names its version')
      versionRow.getCell(1).value = '报表模板：annual 第2版'
      const stale = join(work, 'stale.xlsx')
      await wb.xlsx.writeFile(stale)
      saved = answered(page, 'PUT', /^\/api\/v1\/reports\/\d+$/)
      await byTestId(page, 'report-upload-input').setInputFiles(stale)
      const refused = await saved
      assert.equal(refused.status(), 400)
      assert.equal((await refused.json()).error.code, 'report.template_mismatch')
      await byTestId(page, 'report-action-error').waitFor()

      versionRow.getCell(1).value = '报表模板：annual 第1版（请勿修改此行）'
      const filled = join(work, 'filled.xlsx')
      await wb.xlsx.writeFile(filled)
      saved = answered(page, 'PUT', /^\/api\/v1\/reports\/\d+$/)
      await byTestId(page, 'report-upload-input').setInputFiles(filled)
      const put = await saved
      assert.equal(put.status(), 200, await put.text())
      assert.deepEqual([put.request().postDataJSON().template, put.request().postDataJSON().template_version], ['annual', 1])
      await page.waitForFunction(() => document.querySelector('[data-testid="report-failure-count"]')?.textContent === '1')
      assert.equal(await cell(page, 'Z_HOLDERS').inputValue(), '6')
      assert.equal(await cell(page, 'P_FINE').inputValue(), '2')
      assert.match(await byTestId(page, 'cell-failure-Z_HOLDERS').innerText(), /一致性/)
      assert.equal(await byTestId(page, 'cell-error-P_FINE').count(), 0)
      await messagesGone(page)
      await shot(page, 'a1-report-failure-in-place')

      // Corrected, and one figure changed by hand: 罚没金额 5.20万元 instead of the data's 4.9539.
      await cell(page, 'Z_HOLDERS').fill('5')
      await cell(page, 'P_AMOUNT').fill('5.20')
      assert.equal((await byTestId(page, 'ratio-Z_RATE').innerText()).trim(), '100.00%')
      saved = answered(page, 'PUT', /^\/api\/v1\/reports\/\d+$/)
      await byTestId(page, 'report-save').click()
      assert.equal((await saved).status(), 200)
      await byTestId(page, 'report-failures').waitFor({ state: 'detached' })
      assert.equal(await cell(page, 'P_AMOUNT').inputValue(), '5.20')
      await byTestId(page, 'cell-prefill-P_AMOUNT').getByText('数据统计为 4.9539万元').waitFor()

      const submitted = answered(page, 'POST', /^\/api\/v1\/reports\/\d+\/submit$/)
      await byTestId(page, 'report-submit').click()
      const sres = await submitted
      assert.equal(sres.status(), 200, await sres.text())
      await stateIs(page, '已报送')
      assert.equal(await byTestId(page, 'report-save').count(), 0, 'a submitted report is read-only')
      assert.equal((await byTestId(page, 'cell-value-P_AMOUNT').innerText()).replace(/\s/g, ''), '5.20万元')
      await messagesGone(page)
      await shot(page, 'a2-report-submitted')
    })
  })

  test('b. city.sup1: 罚没金额 differs from the data; the acts behind it; returned with a reason on that field', async () => {
    assert.ok(reportPath, 'step a opened the report')
    await as('city.sup1', async (page) => {
      await openFromList(page)
      assert.equal(new URL(page.url()).pathname, reportPath)
      await stateIs(page, '已报送')
      const diff = byTestId(page, 'report-differences')
      await diff.waitFor()
      assert.equal((await byTestId(page, 'diff-filed-P_AMOUNT').innerText()).trim(), '5.20万元')
      assert.equal((await byTestId(page, 'diff-computed-P_AMOUNT').innerText()).trim(), '4.9539万元')
      assert.equal((await byTestId(page, 'diff-difference-P_AMOUNT').innerText()).trim(), '+0.2461万元')
      // Only the changed figure differs.
      assert.equal(await diff.locator('[data-testid^="diff-field-"]').count(), 1)
      await shot(page, 'b0-report-differences')

      // The data behind it: the agency's penalties of August 2026, its only two (fines of 3,657元 and 45,882元).
      await byTestId(page, 'diff-acts-P_AMOUNT-2026-08').click()
      await page.waitForURL(/\/monitoring\/acts\?/)
      const u = new URL(page.url())
      assert.equal(u.searchParams.get('month'), '2026-08')
      assert.equal(u.searchParams.get('kind'), 'penalty')
      assert.equal(u.searchParams.get('agency_name'), kAgency)
      await page.waitForFunction(() => document.querySelector('[data-testid="acts-total"]')?.textContent === '2')
      assert.match(await byTestId(page, 'acts-table').innerText(), /45,?882/)
      assert.match(await byTestId(page, 'acts-table').innerText(), /3,?657/)
      await page.goBack()
      await byTestId(page, 'report-differences').waitFor()

      // A return needs a reason: the server's refusal, in the dialog.
      await byTestId(page, 'report-return').click()
      await textarea(page, 'return-reason-P_AMOUNT').waitFor()
      let returned = answered(page, 'POST', /\/return$/)
      await byTestId(page, 'return-confirm').click()
      assert.equal((await returned).status(), 400)
      await byTestId(page, 'return-error').locator('.error-message').waitFor()
      await textarea(page, 'return-reason-P_AMOUNT').fill(kReason)
      returned = answered(page, 'POST', /\/return$/)
      await byTestId(page, 'return-confirm').click()
      const rres = await returned
      assert.equal(rres.status(), 200, await rres.text())
      await stateIs(page, '已退回')
      assert.match(await byTestId(page, 'return-1-P_AMOUNT').innerText(), /请核对两件罚款决定的金额/)
      assert.equal(await byTestId(page, 'report-accept').count(), 0)
      await messagesGone(page)
      await shot(page, 'b1-report-returned')
    })
  })

  test('c. agency.scjg reads the reason at the field and resubmits; city.sup1 accepts', async () => {
    await as('agency.scjg', async (page) => {
      // The return is on the liaison's to-do list, and opens the report.
      const todo = byTestId(page, 'home-todos').locator('[data-testid="todo-item"]', { hasText: '统计报表被退回' }).first()
      await todo.waitFor()
      await todo.locator('[data-testid="todo-link"]').click()
      await page.waitForURL((u) => u.pathname === reportPath)
      await stateIs(page, '已退回')
      assert.match(await byTestId(page, 'cell-return-P_AMOUNT').innerText(), /请核对两件罚款决定的金额后更正/)
      assert.equal(await page.locator('[data-testid^="cell-return-"]').count(), 1)
      await shot(page, 'c0-report-reason-at-field')
      await cell(page, 'P_AMOUNT').fill('4.9539')
      // 重新报送 saves the corrected figure first.
      const saved = answered(page, 'PUT', /^\/api\/v1\/reports\/\d+$/)
      const resubmitted = answered(page, 'POST', /\/resubmit$/)
      await byTestId(page, 'report-resubmit').click()
      assert.equal((await saved).status(), 200)
      assert.equal((await resubmitted).status(), 200)
      await stateIs(page, '已重新报送')
      assert.equal((await byTestId(page, 'cell-value-P_AMOUNT').innerText()).replace(/\s/g, ''), '4.9539万元')
    })
    await as('city.sup1', async (page) => {
      await page.goto(reportPath)
      await stateIs(page, '已重新报送')
      await byTestId(page, 'differences-none').waitFor()
      await byTestId(page, 'report-accept').click()
      const accepted = answered(page, 'POST', /\/accept$/)
      await page.locator('.el-message-box__btns .el-button--primary').click()
      assert.equal((await accepted).status(), 200)
      await stateIs(page, '已接收')
      assert.equal(await byTestId(page, 'report-return').count(), 0)
      await messagesGone(page)
      await shot(page, 'c1-report-accepted')
    })
  })

  test('d. city.sup1: 报送情况, then 报表汇总 for the city exported and read back', async () => {
    await as('city.sup1', async (page) => {
      // 报送情况: the report is on time for 2026; nobody filed 2025, past its due date.
      await page.goto('/reports?tab=compliance&cperiod=2026')
      const row2026 = byTestId(page, 'compliance-table').locator('tr', { hasText: kAgency }).first()
      await row2026.waitFor()
      assert.equal((await row2026.locator('[data-testid="compliance-timeliness"]').innerText()).trim(), '按时报送')
      // 催报 before the due date is refused, in Chinese.
      const remind = async () => {
        const sent = answered(page, 'POST', /\/reports\/compliance\/remind$/)
        await byTestId(page, 'compliance-remind').click()
        await page.locator('.el-message-box__btns .el-button--primary').click()
        return sent
      }
      const early = await remind()
      if (kToday < '2027-01-16') {
        assert.equal(early.status(), 409)
        assert.match(await byTestId(page, 'compliance-remind-error').innerText(), /报送截止日为2027-01-31/)
      } else {
        assert.equal(early.status(), 200, 'within 15 days of 2027-01-31 催报 for 2026 is allowed')
      }
      await byTestId(page, 'compliance-period').click()
      await page.locator('.el-select-dropdown__item:visible', { hasText: '2025年度' }).click()
      const read = answered(page, 'GET', /^\/api\/v1\/reports\/compliance$/)
      await byTestId(page, 'compliance-submit').click()
      const c2025 = await (await read).json()
      assert.equal(c2025.counts.missing, c2025.counts.expected, 'no 2025 report was filed')
      assert.ok(c2025.counts.missing > 0)
      missing2025 = c2025.counts.missing
      assert.equal((await byTestId(page, 'compliance-missing').innerText()).trim(), String(c2025.counts.missing))
      const missing = byTestId(page, 'compliance-table').locator('tr.row-missing', { hasText: kAgency }).first()
      await missing.waitFor()
      assert.equal((await missing.locator('[data-testid="compliance-timeliness"]').innerText()).trim(), '逾期未报')
      // 催报 for 2025 reaches every agency missing it, once.
      assert.equal((await remind()).status(), 200)
      await page.waitForFunction((n) => document.querySelector('[data-testid="compliance-reminded-count"]')?.textContent === n, String(missing2025))
      await shot(page, 'd0-report-compliance-2025')
      // 报送情况 exported: every agency of the period, 邢台市市场监督管理局 among those 逾期未报.
      const [cdl] = await Promise.all([page.waitForEvent('download'), byTestId(page, 'compliance-export').click()])
      const cfile = join(work, 'compliance.xlsx')
      await cdl.saveAs(cfile)
      const cwb = new ExcelJS.Workbook()
      await cwb.xlsx.readFile(cfile)
      const crows = []
      cwb.worksheets[0].eachRow((row) => crows.push(row.values.slice(1)))
      const mine = crows.find((r) => r[0] === kAgency)
      assert.ok(mine, 'the agency is a row of the export')
      assert.ok(mine.includes('逾期未报'), JSON.stringify(mine))
      assert.equal(crows.filter((r) => r.includes('逾期未报')).length, missing2025)
      // Narrowed on the page to 逾期未报, the export is narrowed too: only those rows.
      await byTestId(page, 'compliance-timeliness-filter').click()
      await page.locator('.el-select-dropdown__item:visible', { hasText: '逾期未报' }).click()
      const [mdl] = await Promise.all([page.waitForEvent('download'), byTestId(page, 'compliance-export').click()])
      const mfile = join(work, 'compliance-missing.xlsx')
      await mdl.saveAs(mfile)
      const mwb = new ExcelJS.Workbook()
      await mwb.xlsx.readFile(mfile)
      const mrows = []
      mwb.worksheets[0].eachRow((row) => mrows.push(row.values.slice(1)))
      assert.equal(mrows.filter((r) => r.includes('逾期未报')).length, missing2025)
      assert.equal(mrows.filter((r) => r.includes('按时报送') || r.includes('未到期')).length, 0)

      await byTestId(page, 'menu-reports-aggregate').click()
      await page.waitForURL(/\/reports\/aggregate/)
      await byTestId(page, 'agg-period').click()
      await page.locator('.el-select-dropdown__item:visible', { hasText: '2026年度' }).click()
      await byTestId(page, 'agg-include').click()
      await byTestId(page, 'agg-include-accepted').click()
      const agg = answered(page, 'GET', /^\/api\/v1\/reports\/aggregate$/)
      await byTestId(page, 'agg-submit').click()
      const ares = await agg
      assert.equal(ares.status(), 200)
      const api = await ares.json()
      assert.equal(api.level, 'city')
      assert.equal(api.include, 'accepted')
      assert.equal(api.total.reports, 1, 'the one accepted report')
      // The accepted figures.
      assert.equal(api.total.values.P_AMOUNT, 4953900)
      assert.equal(api.total.values.S_TOTAL, 15)
      assert.equal(api.total.values.Z_HOLDERS, 5)
      await page.waitForFunction(() => document.querySelector('[data-testid="agg-reports"]')?.textContent === '1')
      assert.equal((await byTestId(page, 'agg-total-P_AMOUNT').innerText()).trim(), '4.9539')
      assert.equal((await byTestId(page, 'agg-total-S_TOTAL').innerText()).trim(), '15')
      // The same total by 执法领域: 邢台市市场监督管理局 is 市场监管 in the directory.
      assert.deepEqual(api.domains.map((d) => d.domain), ['market'])
      assert.equal((await byTestId(page, 'agg-domain-market-P_AMOUNT').innerText()).trim(), '4.9539')
      await shot(page, 'd1-report-aggregate')
      // Narrowed to another domain, nothing of it: 水利 has no accepted report.
      await byTestId(page, 'agg-domain').click()
      await page.locator('.el-select-dropdown__item:visible', { hasText: '水利' }).click()
      const water = answered(page, 'GET', /^\/api\/v1\/reports\/aggregate$/)
      await byTestId(page, 'agg-submit').click()
      assert.equal((await (await water).json()).total.reports, 0)
      await page.waitForFunction(() => document.querySelector('[data-testid="agg-reports"]')?.textContent === '0')
      assert.match(await byTestId(page, 'agg-summary').innerText(), /水利/)
      // Back to every domain for the export.
      await byTestId(page, 'agg-domain').click()
      await page.locator('.el-select-dropdown__item:visible', { hasText: '全部执法领域' }).click()
      const all = answered(page, 'GET', /^\/api\/v1\/reports\/aggregate$/)
      await byTestId(page, 'agg-submit').click()
      assert.equal((await (await all).json()).total.reports, 1)
      await page.waitForFunction(() => document.querySelector('[data-testid="agg-reports"]')?.textContent === '1')

      const [download] = await Promise.all([page.waitForEvent('download'), byTestId(page, 'agg-export').click()])
      assert.match(download.suggestedFilename(), /\.xlsx$/)
      const file = join(work, 'aggregate.xlsx')
      await download.saveAs(file)
      assert.equal(readFileSync(file).subarray(0, 2).toString('latin1'), 'PK', 'a zip container')
      const wb = new ExcelJS.Workbook()
      await wb.xlsx.readFile(file)
      const totals = totalsOf(wb, api.template)
      // Every field of the template, as the API totals it (amounts read in 万元, compared in 分).
      const codes = api.template.tables.flatMap((t) => t.fields.map((f) => f.code))
      assert.equal(Object.keys(totals).length, codes.length)
      for (const code of codes) assert.equal(totals[code], api.total.values[code] ?? 0, code)
      // And they are the accepted figures.
      assert.equal(totals.S_TOTAL, 15)
      assert.equal(totals.S_INSPECTION, 7)
      assert.equal(totals.Z_HOLDERS, 5)
      assert.equal(totals.P_AMOUNT, 4953900)
    })
  })
  test('e. city.leader: the 领导驾驶舱 drawn, its 逾期未报 figure the one of 报送情况, opening those agencies', async () => {
    assert.ok(missing2025, 'step d read 报送情况 for 2025')
    await as('city.leader', async (page) => {
      await byTestId(page, 'menu-cockpit').click()
      await page.waitForURL(/\/cockpit$/)
      await byTestId(page, 'cockpit').waitFor()
      for (const key of ['matters', 'disputes', 'warnings', 'reports', 'rates', 'acts']) {
        await byTestId(page, `cockpit-chart-${key}`).locator('canvas').first().waitFor()
      }
      // The cockpit shows the annual report of the year before today's (2025 while it is 2026).
      const year = Number(kToday.slice(0, 4)) - 1
      const counts = await page.evaluate(
        async (y) => (await (await fetch(`/api/v1/reports/compliance?template=annual&period=${y}`)).json()).counts,
        year,
      )
      if (year === 2025) assert.equal(counts.missing, missing2025)
      const figure = byTestId(page, 'cockpit-item-reports-missing')
      assert.equal((await figure.innerText()).trim(), String(counts.missing))
      assert.ok((await byTestId(page, 'cockpit-section-reports').innerText()).includes(`${year}年度行政执法统计年报报送情况`))
      await shot(page, 'e0-cockpit')

      await figure.click()
      await page.waitForURL(/\/reports\?.*timeliness=missing/)
      await page.waitForFunction((n) => document.querySelector('[data-testid="compliance-shown"]')?.textContent === n, String(counts.missing))
      const tags = await byTestId(page, 'compliance-timeliness').allInnerTexts()
      assert.equal(tags.length, counts.missing)
      for (const t of tags) assert.equal(t.trim(), '逾期未报')
    })
  })
})

// The 合计 row of each table's sheet of the roll-up export, by field code: a sheet is named after its
// table, its header row names the fields (amounts with （万元）), 合计 is in the 地区 column. Amounts
// are given back in 分.
function totalsOf(wb, template) {
  const out = {}
  for (const table of template.tables) {
    const ws = wb.getWorksheet(table.name)
    assert.ok(ws, `sheet ${table.name}`)
    let header = null
    ws.eachRow((row) => {
      const cells = row.values.slice(1).map((v) => (v && typeof v === 'object' && 'result' in v ? v.result : v))
      if (!header && cells.includes('地区') && cells.includes('报表数')) header = cells
      else if (header && cells[header.indexOf('地区')] === '合计') {
        for (const f of table.fields) {
          const col = header.indexOf(f.kind === 'amount' ? `${f.name}（万元）` : f.name)
          assert.ok(col >= 0, `column ${f.name} in sheet ${table.name}`)
          out[f.code] = f.kind === 'amount' ? Math.round(cells[col] * 1_000_000) : cells[col]
        }
      }
    })
  }
  return out
}
