// Writes "<file>.gz" next to every compressible built file: the C++ server sends the .gz
// (Content-Encoding: gzip) when it exists and the client accepts gzip.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync, constants } from 'node:zlib'

const root = process.argv[2] ?? 'dist'
const compressible = /\.(js|mjs|css|html|svg|json|txt|map|woff)$/i
let count = 0
let before = 0
let after = 0

function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) {
      walk(path)
    } else if (compressible.test(name)) {
      const raw = readFileSync(path)
      // Tiny files gain nothing from compression; the server then serves the original.
      if (raw.length < 512) continue
      const gz = gzipSync(raw, { level: constants.Z_BEST_COMPRESSION })
      writeFileSync(`${path}.gz`, gz)
      count += 1
      before += raw.length
      after += gz.length
    }
  }
}

walk(root)
console.log(`compress: ${count} files, ${(before / 1024).toFixed(1)} KB -> ${(after / 1024).toFixed(1)} KB gzipped`)
