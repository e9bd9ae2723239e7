// Downloading a file the server streams (every list's Excel export, a dispute's 公函, …) so that
// a refusal is shown in Chinese on the page instead of as a JSON file saved to disk.
import { ApiError, buildUrl, type RequestOptions } from './api'

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
  saveBlob(await res.blob(), name)
  return name
}

// Saves a blob made in the browser (or downloaded) under `name`.
export function saveBlob(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = name
  a.style.display = 'none'
  document.body.appendChild(a)
  a.click()
  a.remove()
  // The browser has taken the blob once the click is handled.
  setTimeout(() => URL.revokeObjectURL(url), 60000)
}
