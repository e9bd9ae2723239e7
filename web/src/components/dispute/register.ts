// What the dispute pages share beyond api.ts: the 执法领域 vocabulary and the region tree (both
// fixed while the page is open, so read once), and downloading a file the server streams
// (the register's Excel export, a dispute's 公函) so that a refusal is shown in Chinese on the page
// instead of as a JSON file saved to disk.
import { api, ApiError, buildUrl, type EnforcementDomain, type RegionNode, type RequestOptions } from '../../api'

let domains: Promise<EnforcementDomain[]> | null = null
let regions: Promise<RegionNode[]> | null = null

export function enforcementDomains(): Promise<EnforcementDomain[]> {
  domains ??= api.get<{ items: EnforcementDomain[] }>('/enforcement-domains').then(
    (a) => a.items ?? [],
    (e) => {
      domains = null // a failed read is retried next time
      throw e
    },
  )
  return domains
}

// The counties and districts of the city (the tree's root is 邢台市).
export async function countyRegions(): Promise<RegionNode[]> {
  regions ??= api.get<RegionNode[]>('/regions').catch((e) => {
    regions = null
    throw e
  })
  const tree = await regions
  return tree.flatMap((city) => city.children.filter((c) => c.level === 'county'))
}

// The file name the server gave: RFC 6266 `filename*=UTF-8''…` first, then the plain one.
function fileNameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition)
  if (star) {
    try {
      return decodeURIComponent(star[1].trim())
    } catch {
      // a malformed escape: fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*"([^"]*)"/i.exec(disposition)
  return plain && !/^_+/.test(plain[1]) ? plain[1] : fallback
}

// GETs path and saves the answer under the server's file name; a refusal throws the server's
// ApiError (its Chinese message and basis) like every other call.
export async function downloadFile(path: string, query: RequestOptions['query'], fallbackName: string): Promise<string> {
  let res: Response
  try {
    res = await fetch(buildUrl(path, query), { credentials: 'same-origin' })
  } catch {
    throw new ApiError(0, { code: 'network', message: '无法连接服务器，请检查网络后重试' })
  }
  if (!res.ok) {
    let body: { error?: { code?: string; message?: string; field?: string; basis?: string } } = {}
    try {
      body = await res.json()
    } catch {
      // not JSON: the status text below
    }
    const e = body.error
    throw new ApiError(res.status, {
      code: e?.code ?? `http.${res.status}`,
      message: e?.message ?? (res.status === 401 ? '登录已失效，请重新登录' : `下载失败（状态码 ${res.status}）`),
      field: e?.field,
      basis: e?.basis,
    })
  }
  const name = fileNameOf(res.headers.get('Content-Disposition'), fallbackName)
  const url = URL.createObjectURL(await res.blob())
  const a = document.createElement('a')
  a.href = url
  a.download = name
  a.style.display = 'none'
  document.body.appendChild(a)
  a.click()
  a.remove()
  // The browser has taken the blob once the click is handled.
  setTimeout(() => URL.revokeObjectURL(url), 60000)
  return name
}
