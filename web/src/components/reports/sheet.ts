// Filling a statistical report from a spreadsheet, in the browser (issue 7 §2): an .xlsx read with
// exceljs, or a CSV, is turned into the cells of PUT /reports/{id} (text, amounts in 万元), so that
// the server validates them and names a bad cell. Nothing is parsed as a number here: the cell's
// text goes to the server as it was typed.
//
// The sheet layout (the 下载填报模板 file is this layout, with the current figures in column B):
//   column A  栏目代码 (e.g. P_FINE) or 栏目名称 (e.g. 罚款)
//   column B  数值: a count as an integer, an amount in 万元 (up to 6 decimals)
//   column C… free (the template writes 栏目名称, 所属表, 单位 there for the reader)
// Rows whose column A names no field (the header, notes, blank rows) are skipped; a row with a value
// whose column A names no field is reported to the user, not sent. A name is matched inside the
// table the worksheet is named after, else the table in column D (所属表), else across the whole
// template when only one field bears it (审结合计 is in two tables: write the code there).
// A CSV has the same columns, comma-separated, in UTF-8 or GBK (what Excel saves in China).
// The 填报模板 names the template version it was made from (a line 报表模板：annual 第1版 in its
// 填写说明 sheet); it is sent with the cells (PUT template, template_version), so that a file made from
// another version of the layout is refused by the server rather than read into the wrong fields.
//
// The server's own roll-up export (GET /reports/aggregate.xlsx: one sheet per table named after it,
// a title row, a header row 行政区划代码 | 地区 | 报表数 | the field names, amounts "（万元）", a row per
// region, then 合计 and 上年同期合计) is read too: its 合计 row gives the cells, so that a unit which
// keeps its figures in that layout (e.g. a county rolling up its townships) can file them as they are.
import type { ReportTemplate, TemplateField } from './reports'
import { cellText } from './reports'

type ExcelJSModule = typeof import('exceljs')
type Worksheet = import('exceljs').Worksheet

async function excel(): Promise<ExcelJSModule> {
  // exceljs is a large module: loaded only when a file is read or written.
  const mod = await import('exceljs')
  return (mod as unknown as { default?: ExcelJSModule }).default ?? mod
}

export interface SheetCells {
  cells: Record<string, string> // field code → the cell's text
  declared?: { template: string; template_version: number } // the template version the file names
  problems: string[] // rows that could not be placed, in Chinese
  rows: number // cells taken
}

const norm = (s: string) => s.replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')').toLowerCase()

// The cell's text as Excel shows it: numbers without float noise (a formula's result included).
export function cellString(v: unknown): string {
  if (v === null || v === undefined) return ''
  if (typeof v === 'number') return Number.isFinite(v) ? String(Number(v.toFixed(6))) : ''
  if (typeof v === 'string') return v.trim()
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE'
  if (v instanceof Date) return v.toISOString().slice(0, 10)
  if (typeof v === 'object') {
    const o = v as { result?: unknown; richText?: { text: string }[]; text?: unknown; error?: unknown }
    if ('result' in o) return cellString(o.result)
    if (Array.isArray(o.richText)) return o.richText.map((r) => r.text).join('').trim()
    if (o.text !== undefined) return cellString(o.text)
    if (o.error !== undefined) return String(o.error)
  }
  return String(v)
}

class FieldIndex {
  private byCode = new Map<string, TemplateField>()
  private byName = new Map<string, TemplateField[]>()
  private byTableName = new Map<string, Map<string, TemplateField>>()

  constructor(t: ReportTemplate) {
    for (const table of t.tables) {
      const names = new Map<string, TemplateField>()
      for (const f of table.fields) {
        this.byCode.set(f.code.toLowerCase(), f)
        const n = norm(f.name)
        this.byName.set(n, [...(this.byName.get(n) ?? []), f])
        names.set(n, f)
      }
      this.byTableName.set(norm(table.name), names)
    }
  }

  hasTable(name: string): boolean {
    return this.byTableName.has(norm(name))
  }

  // The field column A names, or why it names none (undefined: not a field at all).
  find(a: string, tableHint: string[]): { field?: TemplateField; problem?: string } {
    const code = this.byCode.get(a.trim().toLowerCase())
    if (code) return { field: code }
    const n = norm(a)
    for (const hint of tableHint) {
      const f = this.byTableName.get(norm(hint))?.get(n)
      if (f) return { field: f }
    }
    const all = this.byName.get(n) ?? []
    if (all.length === 1) return { field: all[0] }
    if (all.length > 1) return { problem: `栏目名称“${a}”在多个表中都有，请在A列改填栏目代码（${all.map((f) => f.code).join('、')}）` }
    return {}
  }
}

function place(out: SheetCells, field: TemplateField, value: string, where: string) {
  if (out.cells[field.code] !== undefined && out.cells[field.code] !== value) {
    out.problems.push(`${where}：栏目“${field.name}”（${field.code}）在文件中出现了两次，取后一次的数值`)
  }
  out.cells[field.code] = value
  out.rows += 1
}

const kDeclared = /^报表模板：([A-Za-z0-9_-]+) 第(\d+)版/

// Column A's heading, in the template and as people write it.
const kHeaderWords = new Set(['栏目代码', '栏目名称', '栏目', '代码', '名称', '指标', '指标名称'])

// Rows of [A, B, C, D] texts from one sheet, in the two-column layout.
function readRows(rows: { n: number; cols: string[] }[], sheetName: string, index: FieldIndex, out: SheetCells, label: string) {
  for (const { n, cols } of rows) {
    const [a = '', b = '', , d = ''] = cols
    if (!a || kHeaderWords.has(a)) continue
    const hit = index.find(a, [sheetName, d].filter(Boolean))
    const where = `${label}第${n}行`
    if (hit.problem) {
      if (b) out.problems.push(`${where}：${hit.problem}`)
      continue
    }
    if (!hit.field) {
      if (b) out.problems.push(`${where}：“${a}”不是本报表的栏目，未读取`)
      continue
    }
    place(out, hit.field, b, where)
  }
}

// The roll-up export's sheet: a header row naming fields, then rows; the row whose first cell is
// 合计 gives the figures. Returns false when the sheet is not in that layout.
function readRollupSheet(ws: Worksheet, index: FieldIndex, out: SheetCells): boolean {
  if (!index.hasTable(ws.name)) return false
  let header: { col: number; field: TemplateField }[] = []
  let headerRow = 0
  for (let r = 1; r <= Math.min(ws.rowCount, 6) && !header.length; r += 1) {
    const row = ws.getRow(r)
    const found: { col: number; field: TemplateField }[] = []
    row.eachCell((cell, col) => {
      const hit = index.find(cellString(cell.value).replace(/[（(](万元|件|次|人)[)）]$/, ''), [ws.name])
      if (hit.field) found.push({ col, field: hit.field })
    })
    if (new Set(found.map((x) => x.field.code)).size >= 2) {
      header = found
      headerRow = r
    }
  }
  if (!header.length) return false
  for (let r = headerRow + 1; r <= ws.rowCount; r += 1) {
    const row = ws.getRow(r)
    // 合计 is in the 地区 column (B), after the region code (A); a hand-made sheet may have it in A.
    const label = [1, 2].map((c) => cellString(row.getCell(c).value))
    if (!label.some((x) => /^(合计|总计)$/.test(x))) continue
    for (const { col, field } of header) place(out, field, cellString(row.getCell(col).value), `工作表“${ws.name}”合计行`)
    return true
  }
  return false
}

export async function readXlsx(file: Blob, t: ReportTemplate): Promise<SheetCells> {
  const ExcelJS = await excel()
  const wb = new ExcelJS.Workbook()
  try {
    await wb.xlsx.load(await file.arrayBuffer())
  } catch {
    throw new Error('无法读取该文件：请上传 Excel 2007 及以上版本保存的 .xlsx 文件，或 CSV 文件')
  }
  const index = new FieldIndex(t)
  const out: SheetCells = { cells: {}, problems: [], rows: 0 }
  wb.eachSheet((ws) => {
    ws.eachRow((row) => {
      const m = kDeclared.exec(cellString(row.getCell(1).value))
      if (m) out.declared = { template: m[1], template_version: Number(m[2]) }
    })
    if (readRollupSheet(ws, index, out)) return
    const rows: { n: number; cols: string[] }[] = []
    ws.eachRow((row, n) => {
      rows.push({ n, cols: [1, 2, 3, 4].map((c) => cellString(row.getCell(c).value)) })
    })
    readRows(rows, ws.name, index, out, `工作表“${ws.name}”`)
  })
  return out
}

// UTF-8 (with or without BOM), else GBK.
function decode(bytes: ArrayBuffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '')
  } catch {
    return new TextDecoder('gbk').decode(bytes)
  }
}

// RFC 4180: quoted fields may hold commas, quotes ("") and line breaks.
export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"'
        i += 1
      } else if (c === '"') quoted = false
      else field += c
    } else if (c === '"' && field === '') quoted = true
    else if (c === ',') {
      row.push(field)
      field = ''
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i += 1
      row.push(field)
      rows.push(row)
      row = []
      field = ''
    } else field += c
  }
  if (field !== '' || row.length) {
    row.push(field)
    rows.push(row)
  }
  return rows
}

export async function readCsv(file: Blob, t: ReportTemplate): Promise<SheetCells> {
  const rows = parseCsv(decode(await file.arrayBuffer())).map((cols, i) => ({ n: i + 1, cols: cols.map((c) => c.trim()) }))
  const out: SheetCells = { cells: {}, problems: [], rows: 0 }
  readRows(rows, '', new FieldIndex(t), out, '')
  return out
}

export function readSheet(file: File, t: ReportTemplate): Promise<SheetCells> {
  if (/\.csv$/i.test(file.name) || file.type === 'text/csv') return readCsv(file, t)
  if (/\.xlsx$/i.test(file.name)) return readXlsx(file, t)
  return Promise.reject(new Error('请上传 .xlsx 或 .csv 文件'))
}

// The 填报模板: the layout above, column B holding `values` (the report's figures as they stand).
export async function templateWorkbook(t: ReportTemplate, values: Record<string, string>, title: string): Promise<Blob> {
  const ExcelJS = await excel()
  const wb = new ExcelJS.Workbook()
  wb.creator = '邢台市行政执法协调监督平台'
  const ws = wb.addWorksheet('填报')
  ws.columns = [
    { header: '栏目代码', key: 'code', width: 16 },
    { header: '数值', key: 'value', width: 16 },
    { header: '栏目名称', key: 'name', width: 44 },
    { header: '所属表', key: 'table', width: 22 },
    { header: '单位', key: 'unit', width: 8 },
  ]
  ws.getRow(1).font = { bold: true }
  ws.views = [{ state: 'frozen', ySplit: 1 }]
  for (const table of t.tables) {
    for (const f of table.fields) {
      const text = values[f.code] ?? ''
      const n = text.trim() === '' ? null : Number(text)
      const row = ws.addRow({
        code: f.code,
        value: n !== null && Number.isFinite(n) ? n : text || null,
        name: f.name,
        table: table.name,
        unit: f.kind === 'amount' ? '万元' : '件',
      })
      row.getCell(2).numFmt = f.kind === 'amount' ? '0.00####' : '0'
    }
  }
  const help = wb.addWorksheet('填写说明')
  help.getColumn(1).width = 100
  for (const line of [
    title,
    '在“填报”工作表的B列（数值）填写各栏目的数值，A列的栏目代码不要修改。',
    '件数填写整数；金额以“万元”为单位，可保留最多6位小数（例如 12.35 表示12.35万元）。',
    '不填的栏目留空。上传后由系统按报表的校验规则逐栏检查，未通过的栏目会在页面上标出。',
    'A列也可以填写栏目名称（如“罚款”）；同名栏目出现在多个表中时（如“审结合计”），请填写栏目代码。',
    '也可以上传同样两列（A列栏目代码或名称、B列数值）的CSV文件。',
    `报表模板：${t.code} 第${t.version}版（请勿修改此行：系统据此核对文件与报表的格式版本一致）`,
  ]) {
    help.addRow([line])
  }
  help.getRow(1).font = { bold: true, size: 14 }
  const buf = await wb.xlsx.writeBuffer()
  return new Blob([buf], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' })
}

// The form's texts from the report's stored figures (for the template's column B).
export function formTexts(t: ReportTemplate, values: Record<string, number>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const table of t.tables) for (const f of table.fields) out[f.code] = cellText(f.kind, values[f.code])
  return out
}
