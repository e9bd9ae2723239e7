// Jurisdiction disputes in a real browser (Art 6–8, issue 4). The first story, from application to closing:
// agency.scjg (邢台市市场监督管理局, city level) applies for coordination of a dispute with 信都区市场监督管理局.
// An incomplete application is refused item by item with Art 8's words; the complete one routes to the
// city department with the Art 7 reason shown before filing. city.sup1 asks for a supplement (the
// review clock pauses with the reason), agency.scjg supplements, city.sup1 accepts, records a
// meeting and proposes the opinion; city.leader approves it (issued with a 文号 and delivered to both
// parties); each party's liaison signs for it; city.sup1 closes. city.sup1 then reads the register: its
// statistics under the same filter as the table, the 执法领域 filter and the Excel export read back.
import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import ExcelJS from 'exceljs'
import { baseUrl, byTestId, eventually, inputOf, launch, loginToHome, logout, newPage, shot } from './lib.mjs'

let browser
let work
let disputeUrl
const kFocus1 = '网络食品交易第三方平台入网餐饮单位的日常监督检查，双方均认为应由对方负责。'

// A one-page PDF, enough for the sniffer (%PDF-) and for a person to open.
const kLetterPdf =
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
  '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n'

before(async () => {
  browser = await launch()
  work = mkdtempSync(join(tmpdir(), 'lecs-e2e-disputes-'))
})

after(async () => {
  await browser?.close()
  if (work) rmSync(work, { recursive: true, force: true })
})

const textarea = (page, id) => page.locator(`[data-testid="${id}"] textarea, textarea[data-testid="${id}"]`).first()

// Fills a complete application on the open form: the letter, the focus, both positions with their
// basis and the failed negotiation. The other party must already be added.
async function fillApplication(page, a) {
  const letter = join(work, `${a.letterName}.pdf`)
  writeFileSync(letter, kLetterPdf)
  await page.locator('[data-testid="dispute-letter-file"]').setInputFiles(letter)
  await byTestId(page, 'dispute-letter-name').waitFor()
  await textarea(page, 'dispute-focus').fill(a.focus)
  for (const [i, p] of a.parties.entries()) {
    await textarea(page, `dispute-party-${i}-position`).fill(p.position)
    await inputOf(page, `dispute-party-${i}-law-0`).fill(p.law)
    await inputOf(page, `dispute-party-${i}-article-0`).fill(p.article)
  }
  const date = inputOf(page, 'dispute-negotiation-date')
  await date.fill(a.negotiatedOn)
  await date.press('Enter')
  await inputOf(page, 'dispute-negotiation-participants').fill(a.participants)
  await textarea(page, 'dispute-negotiation-outcome').fill(a.outcome)
}

async function addParty(page, search, name) {
  await byTestId(page, 'dispute-add-party').click()
  await page.keyboard.type(search)
  await page.getByRole('option', { name, exact: true }).click()
  await byTestId(page, 'dispute-party-1').waitFor()
}

const statusIs = (page, text) =>
  page.waitForFunction((t) => document.querySelector('[data-testid="dispute-status"]')?.textContent?.trim() === t, text)

describe('jurisdiction disputes', { concurrency: false }, () => {
  test('agency.scjg applies; Art 8 gaps are named in place; the Art 7 routing is shown before filing', async () => {
    const { context, page } = await newPage(browser)
    try {
      await loginToHome(page, 'agency.scjg')
      await byTestId(page, 'menu-disputes').click()
      await page.waitForURL(/\/disputes$/)
      await byTestId(page, 'dispute-new').click()
      await page.waitForURL(/\/disputes\/new$/)

      // The other party, from the city's directory.
      await byTestId(page, 'dispute-add-party').click()
      await page.keyboard.type('信都区市场监督')
      await page.getByRole('option', { name: '信都区市场监督管理局', exact: true }).click()
      await byTestId(page, 'dispute-party-1').waitFor()

      // Save and submit with only the parties: every missing item is named where it belongs.
      await byTestId(page, 'dispute-submit').click()
      await page.waitForURL(/\/disputes\/\d+$/)
      disputeUrl = page.url()
      const alert = byTestId(page, 'dispute-error')
      await alert.locator('.error-message').waitFor()
      assert.match(await alert.innerText(), /申请材料不完整/)
      assert.match(await page.locator('.el-form-item__error').first().innerText(), /第八条第一项/)
      assert.ok((await page.locator('.el-form-item__error', { hasText: '缺少行政执法职责争议焦点的情况说明' }).count()) === 1)
      await shot(page, '50-dispute-incomplete-named-in-place')

      // Complete it.
      const letter = join(work, '关于提请协调食品经营监管职责争议的函.pdf')
      writeFileSync(letter, kLetterPdf)
      await page.locator('[data-testid="dispute-letter-file"]').setInputFiles(letter)
      await byTestId(page, 'dispute-letter-name').waitFor()
      await textarea(page, 'dispute-focus').fill(kFocus1)
      await byTestId(page, 'dispute-domain-select').click()
      await page.getByRole('option', { name: '市场监管', exact: true }).click()
      await textarea(page, 'dispute-party-0-position').fill('入网餐饮单位位于信都区，日常监督检查应由属地市场监管部门负责。')
      await inputOf(page, 'dispute-party-0-law-0').fill('《网络餐饮服务食品安全监督管理办法》')
      await inputOf(page, 'dispute-party-0-article-0').fill('第二十九条')
      await textarea(page, 'dispute-party-1-position').fill('平台注册地在市本级，平台及入网单位的监督应由市局负责。')
      await inputOf(page, 'dispute-party-1-law-0').fill('《中华人民共和国食品安全法》')
      await inputOf(page, 'dispute-party-1-article-0').fill('第六条')
      const date = inputOf(page, 'dispute-negotiation-date')
      await date.fill('2026-11-20')
      await date.press('Enter')
      await inputOf(page, 'dispute-negotiation-participants').fill('市市场监管局法规科、信都区市场监管局综合执法大队')
      await textarea(page, 'dispute-negotiation-outcome').fill('双方于2026年11月20日协商，对检查职责的划分未能达成一致。')

      const routing = page.waitForResponse((r) => r.url().endsWith('/routing'))
      await byTestId(page, 'dispute-submit').click()
      assert.equal((await routing).status(), 200)
      const reason = byTestId(page, 'dispute-routing-reason')
      await reason.waitFor()
      assert.match(await reason.innerText(), /第七条第一款/)
      assert.match(await reason.innerText(), /市本级行政机关与县（市、区）行政机关之间/)
      await shot(page, '51-dispute-routing-before-filing')
      const filed = page.waitForResponse((r) => r.url().endsWith('/submit'))
      await byTestId(page, 'dispute-dialog-ok').click()
      assert.equal((await filed).status(), 200)
      await statusIs(page, '受理审核')
      assert.match(await byTestId(page, 'dispute-competent').innerText(), /邢台市司法局/)
      assert.equal((await byTestId(page, 'dispute-domain').innerText()).trim(), '市场监管')
      assert.equal(await byTestId(page, 'dispute-concluded-on').count(), 0, 'no end date while it is handled')
      await shot(page, '52-dispute-filed')
      await logout(page)
    } finally {
      await context.close()
    }
  })

  test('city.sup1 asks for a supplement: the review clock pauses with the reason', async () => {
    const { context, page } = await newPage(browser)
    try {
      await loginToHome(page, 'city.sup1')
      await page.goto(disputeUrl)
      await byTestId(page, 'dispute-action-ask_supplement').click()
      await textarea(page, 'dispute-dialog-reason').fill('请补充双方协商的会议记录。')
      const asked = page.waitForResponse((r) => r.url().endsWith('/supplement-request'))
      await byTestId(page, 'dispute-dialog-ok').click()
      assert.equal((await asked).status(), 200)
      await byTestId(page, 'dispute-deadline-paused').first().waitFor()
      assert.match(await byTestId(page, 'dispute-deadline-paused').first().innerText(), /请补充双方协商的会议记录/)
      await statusIs(page, '待补正')
      await shot(page, '53-dispute-supplement-requested')
      await logout(page)
    } finally {
      await context.close()
    }
  })

  test('agency.scjg supplements; city.sup1 accepts', async () => {
    {
      const { context, page } = await newPage(browser)
      try {
        await loginToHome(page, 'agency.scjg')
        await page.goto(disputeUrl)
        await byTestId(page, 'dispute-action-supplement').click()
        await textarea(page, 'dispute-other-info').fill('附：2026年11月20日协商会议记录。')
        await textarea(page, 'dispute-supplement-note').fill('已补充协商会议记录。')
        const done = page.waitForResponse((r) => r.url().endsWith('/supplement'))
        await byTestId(page, 'dispute-supplement-submit').click()
        assert.equal((await done).status(), 200)
        await page.getByText('补正材料已提交').waitFor()
        await statusIs(page, '受理审核')
        await logout(page)
      } finally {
        await context.close()
      }
    }
    const { context, page } = await newPage(browser)
    try {
      await loginToHome(page, 'city.sup1')
      await page.goto(disputeUrl)
      await statusIs(page, '受理审核')
      assert.equal(await byTestId(page, 'dispute-deadline-paused').count(), 0, 'the review clock runs again')
      await byTestId(page, 'dispute-action-accept').click()
      const accepted = page.waitForResponse((r) => r.url().endsWith('/accept'))
      await page.locator('.el-message-box').getByRole('button', { name: '确定' }).click()
      assert.equal((await accepted).status(), 200)
      await page.waitForFunction(() => document.querySelector('[data-testid="dispute-status"]')?.textContent?.trim() === '协调处理')
      await byTestId(page, 'dispute-timeline').getByText('受理', { exact: true }).waitFor()
      await shot(page, '54-dispute-accepted')
      await logout(page)
    } finally {
      await context.close()
    }
  })

  test('city.sup1 records a meeting and proposes the opinion; city.leader approves it', async () => {
    {
      const { context, page } = await newPage(browser)
      try {
        await loginToHome(page, 'city.sup1')
        await page.goto(disputeUrl)
        await byTestId(page, 'dispute-action-record_meeting').click()
        const when = inputOf(page, 'dispute-dialog-held-at')
        await when.fill('2026-11-26 09:30:00')
        await when.press('Enter')
        await inputOf(page, 'dispute-dialog-place').fill('邢台市司法局第三会议室')
        await inputOf(page, 'dispute-dialog-attendees').fill('市司法局、市市场监管局、信都区市场监管局')
        await textarea(page, 'dispute-dialog-minutes').fill('各方陈述了意见，同意按平台注册地与经营地分工。')
        const met = page.waitForResponse((r) => r.url().endsWith('/meetings'))
        await byTestId(page, 'dispute-dialog-ok').click()
        assert.equal((await met).status(), 200, await (await met).text())
        await byTestId(page, 'dispute-action-propose_opinion').click()
        await textarea(page, 'dispute-dialog-body').fill(
          '一、网络食品交易第三方平台由邢台市市场监督管理局负责监督检查。\n二、入网餐饮单位的日常监督检查由经营地所在县（市、区）市场监督管理部门负责。',
        )
        const proposed = page.waitForResponse((r) => r.url().endsWith('/opinion'))
        await byTestId(page, 'dispute-dialog-ok').click()
        assert.equal((await proposed).status(), 200)
        await page.waitForFunction(() => document.querySelector('[data-testid="dispute-status"]')?.textContent?.trim() === '意见书待审批')
        await logout(page)
      } finally {
        await context.close()
      }
    }
    const { context, page } = await newPage(browser)
    try {
      await loginToHome(page, 'city.leader')
      await page.goto(disputeUrl)
      await byTestId(page, 'dispute-action-approve_opinion').click()
      const approved = page.waitForResponse((r) => r.url().endsWith('/opinion/approve'))
      await page.locator('.el-message-box').getByRole('button', { name: '确定' }).click()
      assert.equal((await approved).status(), 200)
      await page.waitForFunction(() => document.querySelector('[data-testid="dispute-status"]')?.textContent?.trim() === '意见书已出具')
      await page.getByRole('tab', { name: /文书/ }).click()
      const opinion = byTestId(page, 'dispute-documents').locator('tr', { hasText: '行政执法争议协调处理意见书' })
      await opinion.waitFor()
      assert.match(await opinion.innerText(), /〔\d{4}〕\d+号/)
      await shot(page, '55-dispute-opinion-issued')
      await logout(page)
    } finally {
      await context.close()
    }
  })

  test('each party signs for the opinion; city.sup1 closes', async () => {
    for (const [username, org] of [
      ['agency.scjg', '邢台市市场监督管理局'],
      ['xindu.agency', '信都区市场监督管理局'],
    ]) {
      const { context, page } = await newPage(browser)
      try {
        await loginToHome(page, username)
        await page.goto(disputeUrl)
        await page.getByRole('tab', { name: /文书/ }).click()
        await byTestId(page, 'dispute-doc-dispute_opinion').first().click()
        await byTestId(page, 'doc-issued').waitFor()
        await byTestId(page, 'doc-issued').getByText('邢台市司法局', { exact: true }).waitFor()
        const row = byTestId(page, 'doc-deliveries').locator('tr', { hasText: org })
        const signed = page.waitForResponse((r) => /\/deliveries\/\d+\/receipt$/.test(r.url()))
        await row.getByRole('button', { name: '登记签收' }).click()
        assert.equal((await signed).status(), 200, `${username} signs`)
        await row.getByText(/\d{4}年\d+月\d+日/).last().waitFor()
        if (username === 'xindu.agency') await shot(page, '56-dispute-opinion-signed')
        await logout(page)
      } finally {
        await context.close()
      }
    }
    const { context, page } = await newPage(browser)
    try {
      await loginToHome(page, 'city.sup1')
      await page.goto(disputeUrl)
      await byTestId(page, 'dispute-action-close').click()
      const closed = page.waitForResponse((r) => r.url().endsWith('/close'))
      await page.locator('.el-message-box').getByRole('button', { name: '确定' }).click()
      assert.equal((await closed).status(), 200)
      await page.waitForFunction(() => document.querySelector('[data-testid="dispute-status"]')?.textContent?.trim() === '已办结')
      assert.match(await byTestId(page, 'dispute-concluded-on').innerText(), /^\d{4}年\d+月\d+日$/)
      await shot(page, '57-dispute-closed')
      await logout(page)
    } finally {
      await context.close()
    }
  })

  test('city.sup1 reads the register: statistics of the same filter, the 执法领域 filter, the Excel export', async () => {
    const { context, page } = await newPage(browser)
    const id = disputeUrl.split('/').pop()
    // Applies the filters and waits for both the table and the statistics to answer.
    const apply = async () => {
      const listed = page.waitForResponse((r) => /\/api\/v1\/disputes\?/.test(r.url()))
      const counted = page.waitForResponse((r) => r.url().includes('/api/v1/disputes/statistics'))
      await byTestId(page, 'dispute-filter-submit').click()
      assert.equal((await listed).status(), 200)
      assert.equal((await counted).status(), 200)
    }
    const total = async () => Number((await byTestId(page, 'dispute-stats-total').locator('.n').innerText()).trim())
    const listed = async () => Number((await byTestId(page, 'dispute-total').innerText()).trim())
    try {
      await loginToHome(page, 'city.sup1')
      const first = page.waitForResponse((r) => r.url().includes('/api/v1/disputes/statistics'))
      await byTestId(page, 'menu-disputes').click()
      await page.waitForURL(/\/disputes$/)
      assert.equal((await first).status(), 200)
      await byTestId(page, 'dispute-stats').waitFor()
      await byTestId(page, `dispute-row-${id}`).waitFor()
      await eventually(async () => {
        assert.ok((await total()) >= 1)
        assert.equal(await total(), await listed(), '登记总数 is the table total')
      })
      // Story 1 is closed: the average handling time is there, in working and calendar days, with its definition.
      assert.match(await byTestId(page, 'dispute-stats-avg-working').innerText(), /^\d+(\.\d)? 个工作日$/)
      assert.match(await byTestId(page, 'dispute-stats-avg-calendar').innerText(), /^\d+(\.\d)? 个自然日$/)
      assert.match(await byTestId(page, 'dispute-stats-definition').innerText(), /工作日/)
      assert.equal(await byTestId(page, 'dispute-stats-no-closed').count(), 0)
      assert.equal((await byTestId(page, `dispute-domain-${id}`).innerText()).trim(), '市场监管')

      // 未分类: story 1 is not among them, and the statistics follow the filter.
      await byTestId(page, 'dispute-filter-domain').click()
      await page.getByRole('option', { name: '未分类', exact: true }).click()
      await apply()
      assert.match(page.url(), /domain=none/)
      await eventually(async () => {
        assert.equal(await byTestId(page, `dispute-row-${id}`).count(), 0)
        assert.equal(await total(), await listed())
      })

      // 市本级 and 市场监管: story 1 (coordinated by the city) is there, and counted under its domain.
      await byTestId(page, 'dispute-filter-region').click()
      await page.getByRole('option', { name: '市本级', exact: true }).click()
      await byTestId(page, 'dispute-filter-domain').click()
      await page.getByRole('option', { name: '市场监管', exact: true }).click()
      await apply()
      assert.match(page.url(), /region=130500/)
      assert.match(page.url(), /domain=market/)
      await byTestId(page, `dispute-row-${id}`).waitFor()
      await eventually(async () => assert.equal(await total(), await listed()))
      assert.match(await byTestId(page, 'dispute-stats-domain-market').innerText(), /市场监管\s+\d+/)

      // The export of the same selection, read back as a workbook.
      const [download] = await Promise.all([page.waitForEvent('download'), byTestId(page, 'dispute-export').click()])
      assert.match(download.suggestedFilename(), /^行政执法职责争议登记簿-\d{4}-\d{2}-\d{2}\.xlsx$/)
      const file = join(work, 'register.xlsx')
      await download.saveAs(file)
      assert.equal(readFileSync(file).subarray(0, 2).toString('latin1'), 'PK', 'a zip container')
      const wb = new ExcelJS.Workbook()
      await wb.xlsx.readFile(file)
      const sheet = wb.getWorksheet('登记簿')
      assert.ok(sheet, 'sheet 登记簿')
      const rows = []
      sheet.eachRow((row, n) => {
        if (n > 2 && typeof row.getCell(1).value === 'number') rows.push(row)
      })
      assert.equal(rows.length, await listed(), 'one row per dispute of the filter')
      const mine = rows.find((r) => r.values.includes(kFocus1))
      assert.ok(mine, "the dispute's focus is in a row")
      assert.ok(mine.values.includes('市场监管'))
      assert.ok(mine.values.includes('已办结'))
      await shot(page, '58-dispute-register-statistics')
      await logout(page)
    } finally {
      await context.close()
    }
  })

  // The second story: two 宁晋县 agencies → the 宁晋县 department (Art 7 ¶2); no agreement → the
  // 呈报件 goes to 宁晋县人民政府 (Art 6), whose leader decides; the city's gov.leader cannot.
  let ningjinUrl
  test('story 2: ningjin.agency applies against 宁晋县自然资源和规划局; it routes to 宁晋县', async () => {
    const { context, page } = await newPage(browser)
    try {
      await loginToHome(page, 'ningjin.agency')
      await byTestId(page, 'menu-disputes').click()
      await byTestId(page, 'dispute-new').click()
      await page.waitForURL(/\/disputes\/new$/)
      await addParty(page, '宁晋县自然资源', '宁晋县自然资源和规划局')
      await fillApplication(page, {
        letterName: '关于提请协调农村自建房违法用地查处职责争议的函',
        focus: '农村村民未经批准占用耕地建房的查处，双方对各自职责的边界存在争议。',
        parties: [
          { position: '未经批准占用土地建房属土地违法，应由自然资源部门查处。', law: '《中华人民共和国土地管理法》', article: '第七十八条' },
          { position: '在集镇规划区内未取得建设工程规划许可建房，应由市场监管以外的规划执法部门负责。', law: '《中华人民共和国城乡规划法》', article: '第六十五条' },
        ],
        negotiatedOn: '2026-11-18',
        participants: '宁晋县市场监管局、宁晋县自然资源和规划局',
        outcome: '2026年11月18日协商未能达成一致。',
      })
      const routing = page.waitForResponse((r) => r.url().endsWith('/routing'))
      await byTestId(page, 'dispute-submit').click()
      assert.equal((await routing).status(), 200)
      const reason = byTestId(page, 'dispute-routing-reason')
      await reason.waitFor()
      assert.match(await reason.innerText(), /第七条第二款/)
      assert.match(await reason.innerText(), /同一县（市、区）行政机关之间/)
      const filed = page.waitForResponse((r) => r.url().endsWith('/submit'))
      await byTestId(page, 'dispute-dialog-ok').click()
      assert.equal((await filed).status(), 200)
      await statusIs(page, '受理审核')
      assert.match(await byTestId(page, 'dispute-competent').innerText(), /宁晋县司法局/)
      ningjinUrl = page.url()
      await shot(page, '60-dispute2-routed-to-ningjin')
      await logout(page)
    } finally {
      await context.close()
    }
  })

  test('story 2: ningjin.sup1 accepts; ningjin.leader reports to 宁晋县人民政府', async () => {
    for (const [username, action, fill, after] of [
      ['ningjin.sup1', 'accept', null, '协调处理'],
      ['ningjin.leader', 'report_to_government', '经组织协调，双方未能达成一致，现报请县人民政府决定。', '报请本级人民政府决定'],
    ]) {
      const { context, page } = await newPage(browser)
      try {
        await loginToHome(page, username)
        await page.goto(ningjinUrl)
        await byTestId(page, `dispute-action-${action}`).click()
        if (fill) {
          await textarea(page, 'dispute-dialog-body').fill(fill)
          await byTestId(page, 'dispute-dialog-ok').click()
        } else {
          await page.locator('.el-message-box').getByRole('button', { name: '确定' }).click()
        }
        await statusIs(page, after)
        if (action === 'report_to_government') {
          await page.getByRole('tab', { name: /文书/ }).click()
          const report = byTestId(page, 'dispute-documents').locator('tr', { hasText: '呈报件' })
          await report.waitFor()
          assert.match(await report.innerText(), /〔\d{4}〕\d+号/)
          await shot(page, '61-dispute2-reported')
        }
        await logout(page)
      } finally {
        await context.close()
      }
    }
  })

  test('story 2: the city gov.leader cannot decide; ningjin.gov decides and designates the agency', async () => {
    {
      const { context, page } = await newPage(browser)
      try {
        await loginToHome(page, 'gov.leader')
        await page.goto(ningjinUrl)
        await byTestId(page, 'dispute-status').waitFor()
        assert.equal(await byTestId(page, 'dispute-action-decide').count(), 0, 'no 作出决定 for the city government')
        await byTestId(page, 'dispute-no-actions').waitFor()
        await shot(page, '62-dispute2-city-gov-cannot-decide')
        await logout(page)
      } finally {
        await context.close()
      }
    }
    const { context, page } = await newPage(browser)
    try {
      await loginToHome(page, 'ningjin.gov')
      await page.goto(ningjinUrl)
      await byTestId(page, 'dispute-action-decide').click()
      await textarea(page, 'dispute-dialog-body').fill('农村村民未经批准占用土地建房的查处，由宁晋县自然资源和规划局负责。')
      await byTestId(page, 'dispute-dialog-responsible').click()
      await page.getByRole('option', { name: '宁晋县自然资源和规划局', exact: true }).click()
      const decided = page.waitForResponse((r) => r.url().endsWith('/decision'))
      await byTestId(page, 'dispute-dialog-ok').click()
      assert.equal((await decided).status(), 200, await (await decided).text())
      await statusIs(page, '已办结')
      await page.getByRole('tab', { name: /文书/ }).click()
      await byTestId(page, 'dispute-documents').locator('tr', { hasText: '决定' }).first().waitFor()
      // The government's own 决定书 opens from the decision panel.
      await byTestId(page, 'dispute-decision').waitFor()
      assert.match(await byTestId(page, 'dispute-decision-document').innerText(), /〔\d{4}〕\d+号/)
      await shot(page, '63-dispute2-decided')
      await logout(page)
    } finally {
      await context.close()
    }
  })

  test('story 2: the other party sees the government decision and downloads the 公函', async () => {
    const { context, page } = await newPage(browser)
    try {
      await loginToHome(page, 'ningjin.agency2')
      await page.goto(ningjinUrl)
      await statusIs(page, '已办结')
      const decision = byTestId(page, 'dispute-decision')
      await decision.waitFor()
      assert.match(await decision.innerText(), /本级人民政府决定/)
      assert.equal((await byTestId(page, 'dispute-decision-government').innerText()).trim(), '宁晋县人民政府')
      assert.equal((await byTestId(page, 'dispute-decision-responsible').innerText()).trim(), '宁晋县自然资源和规划局')
      assert.match(await byTestId(page, 'dispute-decision-text').innerText(), /由宁晋县自然资源和规划局负责/)
      assert.match(await byTestId(page, 'dispute-decision-date').innerText(), /^\d{4}年\d+月\d+日/)
      assert.match(await byTestId(page, 'dispute-concluded-on').innerText(), /^\d{4}年\d+月\d+日$/)
      // The 决定书 is the party's to open once the department has recorded its delivery; until then
      // the panel gives its 文号 and says so instead of linking to a refusal.
      assert.match(await byTestId(page, 'dispute-decision-document-pending').innerText(), /〔\d{4}〕\d+号[\s\S]*送达本机关后即可查看/)
      assert.equal(await byTestId(page, 'dispute-decision-document').count(), 0)

      const [download] = await Promise.all([page.waitForEvent('download'), byTestId(page, 'dispute-letter-download').click()])
      const file = join(work, 'letter2.pdf')
      await download.saveAs(file)
      assert.equal(readFileSync(file).subarray(0, 5).toString('latin1'), '%PDF-')
      assert.match(download.suggestedFilename(), /关于提请协调农村自建房违法用地查处职责争议的函/)
      await shot(page, '64-dispute2-decision-seen-by-party')
      await logout(page)
    } finally {
      await context.close()
    }
  })

  // Art 6 ¶2: the city department sets the procedure's time limits; a county department follows them.
  test('city.leader sets the citywide procedure; ningjin.leader reads it and cannot change it', async () => {
    const { context, page } = await newPage(browser)
    try {
      await loginToHome(page, 'ningjin.leader')
      await page.goto(`${baseUrl()}/disputes`)
      await byTestId(page, 'dispute-procedure').waitFor()
      assert.match(await byTestId(page, 'dispute-procedure-coordination_days').innerText(), /协调处理：30个工作日/)
      assert.equal(await byTestId(page, 'dispute-procedure-edit').count(), 0)
      await logout(page)

      await loginToHome(page, 'city.leader')
      await page.goto(`${baseUrl()}/disputes`)
      await byTestId(page, 'dispute-procedure-edit').click()
      const days = inputOf(page, 'dispute-procedure-input-coordination_days')
      await days.fill('25')
      await inputOf(page, 'dispute-procedure-basis').fill('邢台市行政执法职责争议协调处理程序办法')
      const saved = page.waitForResponse((r) => r.url().endsWith('/api/v1/dispute-procedure') && r.request().method() === 'PUT')
      await byTestId(page, 'dispute-procedure-save').click()
      assert.equal((await saved).status(), 200)
      await byTestId(page, 'dispute-procedure-coordination_days').waitFor()
      assert.match(await byTestId(page, 'dispute-procedure-coordination_days').innerText(), /协调处理：25个工作日/)
      assert.match(await byTestId(page, 'dispute-procedure').innerText(), /依据：邢台市行政执法职责争议协调处理程序办法/)
      await shot(page, '59-dispute-procedure-set-by-city')
      await logout(page)
    } finally {
      await context.close()
    }
  })
})
