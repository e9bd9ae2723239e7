// Helpers for the browser tests: Debian's Chromium driven by playwright-core (no browser download).
import { createHmac } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'

const here = dirname(fileURLToPath(import.meta.url))
export const kArtifacts = resolve(here, '..', '..', 'build', 'e2e-artifacts')
export const kPassword = process.env.LECS_E2E_PASSWORD ?? 'Xingtai#2026demo'

export function baseUrl() {
  const url = process.env.LECS_E2E_URL
  if (!url) throw new Error('LECS_E2E_URL is not set: start `lecs serve` with the demo data and point it there')
  return url.replace(/\/+$/, '')
}

export async function launch() {
  mkdirSync(kArtifacts, { recursive: true })
  return chromium.launch({
    executablePath: process.env.LECS_E2E_CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

export async function newPage(browser) {
  const context = await browser.newContext({ baseURL: baseUrl(), locale: 'zh-CN', viewport: { width: 1366, height: 860 } })
  const page = await context.newPage()
  page.setDefaultTimeout(15000)
  return { context, page }
}

export async function shot(page, name) {
  await page.screenshot({ path: join(kArtifacts, `${name}.png`), fullPage: true })
}

export const byTestId = (page, id) => page.locator(`[data-testid="${id}"]`)
// Element Plus puts the data-testid of an el-input on the <input> itself; accept either place.
export const inputOf = (page, id) => page.locator(`input[data-testid="${id}"], [data-testid="${id}"] input`).first()

// RFC 6238 TOTP (SHA-1, 30 s, 6 digits). Secrets come from enrolment in the UI (enrolTotp) or
// from LECS_E2E_TOTP_SECRETS="aud=BASE32,sys=BASE32" for accounts that already have a second factor.
const totpSecrets = new Map(
  (process.env.LECS_E2E_TOTP_SECRETS ?? '')
    .split(',')
    .map((p) => p.trim().split('='))
    .filter(([u, s]) => u && s),
)
const totpLastStep = new Map()

function totpAt(secret, step) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
  let bits = ''
  for (const c of secret.toUpperCase().replace(/[=\s]/g, '')) bits += alphabet.indexOf(c).toString(2).padStart(5, '0')
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)))
  const counter = Buffer.alloc(8)
  counter.writeBigUInt64BE(BigInt(step))
  const h = createHmac('sha1', key).update(counter).digest()
  const o = h[h.length - 1] & 0xf
  const n = (h.readUInt32BE(o) & 0x7fffffff) % 1000000
  return String(n).padStart(6, '0')
}

// The next unused code for username: the server refuses a code whose 30 s step was already used,
// so a second login within the same step waits for the next one.
export async function totpFor(username) {
  const secret = totpSecrets.get(username)
  if (!secret) return undefined
  let step = Math.floor(Date.now() / 30000)
  if (step <= (totpLastStep.get(username) ?? -1)) {
    await sleep((step + 1) * 30000 - Date.now() + 200)
    step = Math.floor(Date.now() / 30000)
  }
  totpLastStep.set(username, step)
  return totpAt(secret, step)
}

// On the home page's TOTP prompt (administrators must bind an authenticator): enrol, read the secret
// as a person would from the screen, type the current code, confirm.
export async function enrolTotp(page, username) {
  await byTestId(page, 'totp-enrol').click()
  const secretEl = byTestId(page, 'totp-secret')
  await secretEl.waitFor()
  totpSecrets.set(username, (await secretEl.innerText()).replace(/\s/g, ''))
  await inputOf(page, 'totp-code').fill(await totpFor(username))
  await byTestId(page, 'totp-confirm').click()
  await byTestId(page, 'totp-prompt').waitFor({ state: 'detached' })
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

// Retries an assertion until it holds or `timeout` ms pass, then throws its last failure. For what
// the page shows after an answer it has already received: the response event fires before Vue has
// rendered it, so a read right after can still see the page before — on a loaded CI machine it did.
export async function eventually(check, timeout = 15000) {
  const end = Date.now() + timeout
  for (;;) {
    try {
      return await check()
    } catch (e) {
      if (Date.now() > end) throw e
      await sleep(100)
    }
  }
}

// Fills the login form and submits it; returns the /auth/login response. A 429 from the per-IP
// limiter is waited out (Retry-After, at most 65 s) and the attempt repeated, so that logging in
// two dozen accounts from one address does not turn into a flaky failure.
export async function submitLogin(page, username, password) {
  for (let attempt = 0; attempt < 4; attempt += 1) {
    await inputOf(page, 'login-username').fill(username)
    await inputOf(page, 'login-password').fill(password)
    const answer = page.waitForResponse((r) => r.url().includes('/api/v1/auth/login') && r.request().method() === 'POST')
    await byTestId(page, 'login-submit').click()
    let res = await answer
    if (res.status() === 401) {
      const body = await res.json().catch(() => ({}))
      if (body?.error?.code === 'auth.totp_required') {
        const code = await totpFor(username)
        if (!code) throw new Error(`${username} needs a TOTP code: set LECS_E2E_TOTP_SECRETS=${username}=<base32 secret>`)
        await inputOf(page, 'login-totp').fill(code)
        const again = page.waitForResponse((r) => r.url().includes('/api/v1/auth/login') && r.request().method() === 'POST')
        await byTestId(page, 'login-submit').click()
        res = await again
      }
    }
    if (res.status() !== 429) return res
    const wait = Math.min(Number(res.headers()['retry-after'] ?? '30') || 30, 65)
    await sleep(wait * 1000 + 500)
  }
  throw new Error(`login of ${username} still rate limited after 4 attempts`)
}

// Logs in and waits for the home page. Returns { totpPrompt } — administrators without a second
// factor see the enrolment prompt on the home page, which counts as reaching it.
export async function loginToHome(page, username, password = kPassword) {
  await page.goto('/login')
  const res = await submitLogin(page, username, password)
  if (res.status() !== 200) {
    const text = await byTestId(page, 'login-error').innerText().catch(() => '')
    throw new Error(`login of ${username} answered ${res.status()}: ${text}`)
  }
  await byTestId(page, 'home-welcome').waitFor()
  const totpPrompt = await byTestId(page, 'totp-prompt').isVisible()
  return { totpPrompt }
}

export async function logout(page) {
  await byTestId(page, 'logout').click()
  await page.waitForURL(/\/login/)
  await byTestId(page, 'login-submit').waitFor()
}
