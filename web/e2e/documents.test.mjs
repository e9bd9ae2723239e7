// Official documents in a real browser (REQUIREMENTS §17, issue 3): a demo document of EVERY type is
// drafted in the UI and issued by its issuer — city.leader (dept_leader of 邢台市司法局) for department
// documents, gov.leader (gov_leader of 邢台市人民政府) for government documents, which city.leader is
// refused with the legal basis. The QR code is read off the last page of each signed PDF (pdftoppm +
// zbarimg) and opened in a logged-out browser, which must show 真实有效 and, except for internal types,
// the number and issuer. A downloaded PDF uploaded on that page matches; the same PDF with one byte
// changed does not.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { baseUrl, byTestId, inputOf, launch, loginToHome, logout, newPage, shot } from './lib.mjs'

let browser
let work
const issued = new Map() // doc_type → { id, number, title, pdf (path), qrUrl, internal, issuerName }

before(async () => {
  browser = await launch()
  work = mkdtempSync(join(tmpdir(), 'lecs-e2e-docs-'))
})

after(async () => {
  await browser?.close()
  if (work) rmSync(work, { recursive: true, force: true })
})

const demoTitle = (t) => `关于演示${t.name}的文书`

// The QR code on the last page of the PDF, as a phone would read it.
function qrUrlOf(pdfPath) {
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdfPath], { encoding: 'utf8' }))[1])
  const prefix = `${pdfPath}-last`
  execFileSync('pdftoppm', ['-r', '200', '-f', String(pages), '-l', String(pages), '-png', pdfPath, prefix])
  const png = readdirSync(work)
    .filter((f) => join(work, f).startsWith(prefix) && f.endsWith('.png'))
    .map((f) => join(work, f))[0]
  const out = execFileSync('zbarimg', ['--quiet', '--raw', png], { encoding: 'utf8' }).trim()
  return out
}

async function fetchPdf(page, id, code) {
  const res = await page.request.get(`/api/v1/documents/${id}/pdf`)
  assert.equal(res.status(), 200, `PDF of ${code}`)
  assert.equal(res.headers()['content-type'], 'application/pdf')
  const path = join(work, `${code}.pdf`)
  writeFileSync(path, await res.body())
  return path
}

async function documentTypes(page) {
  const res = await page.request.get('/api/v1/document-types')
  assert.equal(res.status(), 200)
  const { items } = await res.json()
  return items
}

// Drafts a demo document of type t from the 起草文书 form; returns its id (from the URL after saving).
async function draft(page, t) {
  await byTestId(page, 'menu-documents').click()
  await page.waitForURL(/\/documents$/)
  await byTestId(page, 'doc-new').click()
  await page.waitForURL(/\/documents\/new$/)
  await byTestId(page, 'doc-type').click()
  await page.getByRole('option', { name: t.name, exact: true }).click()
  assert.match(await byTestId(page, 'doc-type-hint').innerText(), t.issuer === 'government' ? /政府文书/ : /部门文书/)
  await inputOf(page, 'doc-title').fill(demoTitle(t))
  await page.locator('[data-testid="doc-recipients"] textarea, textarea[data-testid="doc-recipients"]').fill('邢台市市场监督管理局')
  for (const f of t.fields) await inputOf(page, `doc-field-${f.key}`).fill(`演示${f.label}`)
  await page
    .locator('[data-testid="doc-body"] textarea, textarea[data-testid="doc-body"]')
    .fill(`这是一份${t.name}的演示正文第一段。\n依据${t.basis}，特此行文。`)
  const saved = page.waitForResponse((r) => r.url().endsWith('/api/v1/documents') && r.request().method() === 'POST')
  await byTestId(page, 'doc-save').click()
  const res = await saved
  assert.equal(res.status(), 201, `draft of ${t.code}: ${await res.text()}`)
  const { id } = await res.json()
  await page.waitForURL(new RegExp(`/documents/${id}$`))
  return id
}

// Clicks 签发 and confirms; returns the /issue response.
async function clickIssue(page) {
  const answer = page.waitForResponse((r) => /\/api\/v1\/documents\/\d+\/issue$/.test(r.url()))
  await byTestId(page, 'doc-issue').click()
  await page.locator('.el-message-box').getByRole('button', { name: '签发' }).click()
  return answer
}

async function expectIssued(page, t, id, issuerName) {
  await byTestId(page, 'doc-issued').waitFor()
  const number = (await byTestId(page, 'doc-number').innerText()).trim()
  assert.match(number, /^.+〔\d{4}〕[1-9]\d*号$/, `${t.code}: number ${number}`)
  assert.ok(number.includes(t.abbreviation), `${t.code}: ${number} carries ${t.abbreviation}`)
  const pdf = await fetchPdf(page, id, t.code)
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '')
  assert.ok(text.includes(number), `${t.code}: the PDF prints ${number}`)
  const qrUrl = qrUrlOf(pdf)
  assert.match(qrUrl, new RegExp(`^${baseUrl().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/verify/[A-Za-z0-9_-]{16,}$`), `${t.code}: QR ${qrUrl}`)
  issued.set(t.code, { id, number, title: demoTitle(t), pdf, qrUrl, internal: t.internal, issuerName, name: t.name })
}

describe('official documents', { concurrency: false }, () => {
  let types
  const governmentDrafts = new Map() // code → id

  test('city.leader drafts every type, issues the department ones and is refused the government ones', async () => {
    const { context, page } = await newPage(browser)
    try {
      await loginToHome(page, 'city.leader')
      types = await documentTypes(page)
      assert.ok(types.length >= 16, `${types.length} types`)
      assert.ok(types.some((t) => t.issuer === 'government') && types.some((t) => t.issuer === 'department'))
      for (const t of types) {
        const id = await draft(page, t)
        const res = await clickIssue(page)
        if (t.issuer === 'department') {
          assert.equal(res.status(), 200, `${t.code}: ${await res.text()}`)
          await expectIssued(page, t, id, '邢台市司法局')
          if (t.code === 'supervision_notice') await shot(page, '40-doc-issued-supervision_notice')
        } else {
          assert.equal(res.status(), 403, `${t.code} issued by city.leader`)
          const alert = byTestId(page, 'doc-error')
          await alert.locator('.error-message').waitFor()
          assert.match(await alert.innerText(), new RegExp(`${t.name}应由本级人民政府作出`))
          assert.match(await alert.innerText(), /依据：《/)
          assert.equal((await byTestId(page, 'doc-status').innerText()).trim(), '草稿')
          if (governmentDrafts.size === 0) await shot(page, '41-doc-government-refused-city.leader')
          governmentDrafts.set(t.code, id)
        }
      }
      assert.ok(governmentDrafts.size >= 4, `${governmentDrafts.size} government types`)
      await logout(page)
    } finally {
      await context.close()
    }
  })

  test('gov.leader finds the government drafts waiting and issues each under the government', async () => {
    const { context, page } = await newPage(browser)
    try {
      await loginToHome(page, 'gov.leader')
      await byTestId(page, 'menu-documents').click()
      await byTestId(page, 'doc-filter-status').click()
      await page.getByRole('option', { name: '草稿（待签发）', exact: true }).click()
      const listed = page.waitForResponse((r) => r.url().includes('/api/v1/documents?') && r.url().includes('status=draft'))
      await byTestId(page, 'doc-filter-submit').click()
      await listed
      for (const [code, id] of governmentDrafts) await byTestId(page, `doc-row-${id}`).waitFor()
      await shot(page, '42-doc-drafts-gov.leader')
      for (const [code, id] of governmentDrafts) {
        const t = types.find((x) => x.code === code)
        await page.goto(`/documents/${id}`)
        await byTestId(page, 'doc-issue').waitFor()
        const res = await clickIssue(page)
        assert.equal(res.status(), 200, `${code} by gov.leader: ${await res.text()}`)
        await expectIssued(page, t, id, '邢台市人民政府')
        if (code === 'supervision_decision') await shot(page, '43-doc-issued-supervision_decision')
      }
      await logout(page)
    } finally {
      await context.close()
    }
  })

  test('every issued document verifies from a logged-out browser through its QR URL', async () => {
    assert.equal(issued.size, types.length, 'one issued document per type')
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1100, height: 900 } })
    try {
      const page = await context.newPage()
      page.setDefaultTimeout(15000)
      for (const [code, d] of issued) {
        await page.goto(d.qrUrl)
        const verdict = byTestId(page, 'doc-verify-verdict')
        await verdict.waitFor()
        assert.equal((await verdict.innerText()).trim(), '真实有效', code)
        if (d.internal) {
          await byTestId(page, 'doc-verify-internal').waitFor()
          assert.equal(await byTestId(page, 'doc-verify-details').count(), 0, `${code} is internal: no contents`)
          assert.ok(!(await page.content()).includes(d.title), `${code}: the title of an internal document is not shown`)
        } else {
          assert.equal((await byTestId(page, 'doc-verify-number').innerText()).trim(), d.number, code)
          assert.equal((await byTestId(page, 'doc-verify-issuer').innerText()).trim(), d.issuerName, code)
          assert.equal((await byTestId(page, 'doc-verify-type').innerText()).trim(), d.name, code)
          assert.match(await byTestId(page, 'doc-verify-date').innerText(), /^\d{4}年[1-9]\d?月[1-9]\d?日$/)
        }
        await shot(page, `44-doc-verify-${code}`)
      }
      // The PDF a citizen holds: the very file matches; one changed byte does not.
      const d = issued.get('supervision_notice')
      await page.goto(d.qrUrl)
      await byTestId(page, 'doc-verify-verdict').waitFor()
      await page.locator('[data-testid="doc-verify-file"]').setInputFiles(d.pdf)
      const ok = byTestId(page, 'doc-verify-upload-result')
      await ok.waitFor()
      assert.match(await ok.innerText(), /与签发文件一致，签名有效/)
      const bytes = execFileSync('cat', [d.pdf])
      bytes[Math.floor(bytes.length / 2)] ^= 0x01
      const tampered = join(work, 'tampered.pdf')
      writeFileSync(tampered, bytes)
      const answer = page.waitForResponse((r) => r.url().includes('/verify') && r.request().method() === 'POST')
      await page.locator('[data-testid="doc-verify-file"]').setInputFiles(tampered)
      await answer
      await page.getByText('与签发文件不一致').waitFor()
      await shot(page, '45-doc-verify-tampered-upload')
      // An unknown token is 未找到, not an error page.
      await page.goto(`${baseUrl()}/verify/AAAAAAAAAAAAAAAAAAAAAAAA`)
      assert.equal((await byTestId(page, 'doc-verify-verdict').innerText()).trim(), '未找到')
    } finally {
      await context.close()
    }
  })
})
