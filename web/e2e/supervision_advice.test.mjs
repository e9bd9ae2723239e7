// 《行政执法监督建议书》 (Art 15) and guidance requests (Art 18) in a real browser.
// Story 1: city.sup1 opens a matter on 邢台市市场监督管理局 and, from the matter's page, drafts a
// suggestion to it (target filled in); city.sup1 is offered no 签发; city.leader issues it and the
// document gets its 文号; agency.scjg answers it; city.sup1 sees the answer.
// Story 2: xindu.sup1 asks the city department for guidance; city.sup1 answers; xindu.sup1 sees the
// answer; city.sup1 asking is refused with the server's message and legal basis shown.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { byTestId, inputOf, launch, loginToHome, logout, newPage, shot } from './lib.mjs'

let browser

before(async () => {
  browser = await launch()
})

after(async () => {
  await browser?.close()
})

const textarea = (page, id) => page.locator(`[data-testid="${id}"] textarea, textarea[data-testid="${id}"]`).first()
const posted = (page, suffix) =>
  page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname.endsWith(suffix))

async function choose(page, name) {
  await page.getByRole('option', { name, exact: true }).last().click()
}

// The list's loading mask has faded out, so a screenshot shows the page as the user reads it.
async function settled(page) {
  await page.waitForFunction(() => ![...document.querySelectorAll('.el-loading-mask')].some((e) => e.offsetParent !== null))
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

describe('supervision suggestions and guidance', () => {
  test('story 1: a suggestion drafted from a matter, issued by the leader, answered by the agency', async () => {
    let id
    let matterId
    const answerText = '已采纳，完善了行政处罚裁量说明模板，并于12月组织专题培训。'
    await as('city.sup1', async (page) => {
      await byTestId(page, 'menu-supervision-matters').click()
      await byTestId(page, 'matter-new').click()
      await byTestId(page, 'matter-form-source').click()
      await choose(page, '投诉举报')
      await byTestId(page, 'matter-form-target').click()
      await page.keyboard.type('邢台市市场监督')
      await choose(page, '邢台市市场监督管理局')
      await inputOf(page, 'matter-form-subject').fill('行政处罚裁量基准的适用情况')
      await byTestId(page, 'matter-form-category-art11_3').click()
      const opened = posted(page, '/supervision/matters')
      await byTestId(page, 'matter-form-submit').click()
      const m = await opened
      assert.equal(m.status(), 201, await m.text())
      matterId = (await m.json()).id
      await page.waitForURL(/\/supervision\/matters\/\d+$/)

      await byTestId(page, 'matter-suggestion-new').click()
      await page.waitForURL(/\/supervision\/suggestions\?matter_id=\d+$/)
      await byTestId(page, 'suggestion-form').waitFor()
      // The matter's target comes filled in.
      assert.match(await byTestId(page, 'suggestion-form-target').innerText(), /邢台市市场监督管理局/)
      // Nothing written yet: the server's field message is shown under the field.
      const refused = posted(page, '/supervision/suggestions')
      await byTestId(page, 'suggestion-form-submit').click()
      assert.equal((await refused).status(), 400)
      await page.locator('.el-form-item__error', { hasText: '「分析与建议」不能为空' }).waitFor()

      await inputOf(page, 'suggestion-form-subject').fill('行政处罚裁量基准的适用')
      await textarea(page, 'suggestion-form-body').fill(
        '经分析，2026年第三季度部分行政处罚决定未说明裁量理由。\n建议完善裁量说明模板并开展专题培训。',
      )
      const res = posted(page, '/supervision/suggestions')
      await byTestId(page, 'suggestion-form-submit').click()
      const r = await res
      assert.equal(r.status(), 201, await r.text())
      const s = await r.json()
      id = s.id
      assert.equal(s.matter_id, matterId)
      assert.equal(s.target_org_name, '邢台市市场监督管理局')
      await byTestId(page, `suggestion-status-${id}`).waitFor()
      assert.equal((await byTestId(page, `suggestion-status-${id}`).innerText()).trim(), '待签发')
      assert.equal((await byTestId(page, `suggestion-target-${id}`).innerText()).trim(), '邢台市市场监督管理局')
      assert.equal(await byTestId(page, `suggestion-issue-${id}`).count(), 0, 'a supervisor does not issue')
    })

    await as('city.leader', async (page) => {
      await byTestId(page, 'menu-supervision-suggestions').click()
      await byTestId(page, `suggestion-issue-${id}`).click()
      const res = posted(page, `/supervision/suggestions/${id}/issue`)
      await page.locator('.el-message-box').getByRole('button', { name: '确定' }).click()
      const r = await res
      assert.equal(r.status(), 200, await r.text())
      await page.waitForFunction(
        (sid) => document.querySelector(`[data-testid="suggestion-status-${sid}"]`)?.textContent?.trim() === '待反馈',
        id,
      )
      await byTestId(page, `suggestion-doc-${id}`).click()
      await page.waitForURL(/\/documents\/\d+$/)
      assert.match((await byTestId(page, 'doc-number').innerText()).trim(), /〔\d{4}〕\d+号$/)
    })

    await as('agency.scjg', async (page) => {
      await byTestId(page, 'menu-supervision-suggestions').click()
      await byTestId(page, `suggestion-respond-${id}`).click()
      // An empty answer is refused with the server's message.
      const refused = posted(page, `/supervision/suggestions/${id}/response`)
      await byTestId(page, 'suggestion-response-ok').click()
      assert.equal((await refused).status(), 400)
      await page.locator('.el-form-item__error', { hasText: '不能为空' }).waitFor()
      await textarea(page, 'suggestion-response-text').fill(answerText)
      const res = posted(page, `/supervision/suggestions/${id}/response`)
      await byTestId(page, 'suggestion-response-ok').click()
      const r = await res
      assert.equal(r.status(), 200, await r.text())
      await byTestId(page, `suggestion-response-${id}`).waitFor()
      assert.equal(await byTestId(page, `suggestion-respond-${id}`).count(), 0)
    })

    await as('city.sup1', async (page) => {
      await byTestId(page, 'menu-supervision-suggestions').click()
      await byTestId(page, `suggestion-response-${id}`).waitFor()
      assert.equal((await byTestId(page, `suggestion-status-${id}`).innerText()).trim(), '已反馈')
      assert.match(await byTestId(page, `suggestion-response-${id}`).innerText(), new RegExp(answerText))
      await settled(page)
      await shot(page, '80-supervision-suggestion-answered')
    })
  })

  test('story 2: a county department asks for guidance, the city answers; the city cannot ask', async () => {
    let id
    const question = '对乡镇综合行政执法队的案卷评查，是否适用本市评查标准？'
    const answerText = '适用，乡镇综合行政执法队的案卷按本市评查标准评查。'
    await as('xindu.sup1', async (page) => {
      await byTestId(page, 'menu-supervision-guidance').click()
      await page.waitForURL(/\/supervision\/guidance$/)
      await textarea(page, 'guidance-question').fill(question)
      const res = posted(page, '/supervision/guidance')
      await byTestId(page, 'guidance-submit').click()
      const r = await res
      assert.equal(r.status(), 201, await r.text())
      const g = await r.json()
      id = g.id
      assert.equal(g.to_org_name, '邢台市司法局')
      await byTestId(page, `guidance-status-${id}`).waitFor()
      assert.equal((await byTestId(page, `guidance-status-${id}`).innerText()).trim(), '待答复')
      assert.equal(await byTestId(page, `guidance-answer-open-${id}`).count(), 0, 'the asker does not answer')
    })

    await as('city.sup1', async (page) => {
      await byTestId(page, 'menu-supervision-guidance').click()
      await byTestId(page, `guidance-answer-open-${id}`).click()
      await textarea(page, 'guidance-answer-text').fill(answerText)
      const res = posted(page, `/supervision/guidance/${id}/answer`)
      await byTestId(page, 'guidance-answer-ok').click()
      const r = await res
      assert.equal(r.status(), 200, await r.text())
      await byTestId(page, `guidance-answer-${id}`).waitFor()

      // The city department has no upper department: its request is refused, message and basis shown.
      await textarea(page, 'guidance-question').fill('请示')
      const refused = posted(page, '/supervision/guidance')
      await byTestId(page, 'guidance-submit').click()
      assert.equal((await refused).status(), 403)
      const alert = byTestId(page, 'guidance-error')
      await alert.locator('.el-alert').waitFor()
      const text = await alert.innerText()
      assert.match(text, /只有县级行政执法协调监督部门可以请上级部门指导/)
      assert.match(text, /第十八条/)
    })

    await as('xindu.sup1', async (page) => {
      await byTestId(page, 'menu-supervision-guidance').click()
      await byTestId(page, `guidance-answer-${id}`).waitFor()
      assert.equal((await byTestId(page, `guidance-status-${id}`).innerText()).trim(), '已答复')
      assert.match(await byTestId(page, `guidance-answer-${id}`).innerText(), new RegExp(answerText))
      await settled(page)
      await shot(page, '81-supervision-guidance-answered')
    })
  })
})
