// What the supervision pages share beyond api.ts: the vocabularies (fixed while the page is open,
// read once), the people who may join a team, the bodies that may be supervised, and small helpers.
import { onBeforeUnmount, onMounted, ref, type Ref } from 'vue'
import { api, ApiError, type DirectoryOrg, type Page, type PersonSummary, type SupervisionVocabularies } from '../../api'

let vocab: Promise<SupervisionVocabularies> | null = null

export function supervisionVocabularies(): Promise<SupervisionVocabularies> {
  vocab ??= api.get<SupervisionVocabularies>('/supervision/vocabularies').catch((e) => {
    vocab = null // a failed read is retried next time
    throw e
  })
  return vocab
}

// Art 27: the 行政执法机关 that may be supervised (and a people's government itself); the
// coordination and supervision bodies and the courts are not.
const kTargetKinds = ['organ', 'authorized', 'entrusted', 'dispatched', 'township_gov', 'vertical', 'enforcement_team', 'government']

export function isTargetKind(kind: string): boolean {
  return kTargetKinds.includes(kind)
}

// Bodies of the city's directory by name (at least one character typed).
export async function searchTargets(q: string, region?: string): Promise<DirectoryOrg[]> {
  const items = (await api.get<Page<DirectoryOrg>>('/org-directory', { q: q.trim() || undefined, region, size: 50 })).items ?? []
  return items.filter((o) => isTargetKind(o.kind))
}

// The supervision departments (市、县（市、区）司法局), for choosing people of another department
// (cross supervision, Art 18).
export async function supervisionDepartments(): Promise<DirectoryOrg[]> {
  return (await api.get<Page<DirectoryOrg>>('/org-directory', { kind: 'supervision_dept', size: 100 })).items ?? []
}

// The people of one organisation, as far as the caller may read them.
export async function peopleOf(orgId: string): Promise<PersonSummary[]> {
  if (!orgId) return []
  return (await api.get<Page<PersonSummary>>('/people', { org_id: orgId, size: 200 })).items ?? []
}

export function personLabel(p: PersonSummary, withOrg = false): string {
  const where = [withOrg ? p.org_name : '', p.position].filter((x) => x).join(' · ')
  return where ? `${p.name}（${where}）` : p.name
}

// Text areas take one paragraph per line.
export function paragraphs(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l)
}

// Today in Beijing as YYYY-MM-DD (legal dates carry no time zone).
export function todayIso(): string {
  return new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' })
}

// The server's field paths mapped to their message, for el-form-item :error.
export type FieldErrors = Record<string, string>

export function fieldErrorsOf(e: unknown): FieldErrors {
  return e instanceof ApiError && e.field ? { [e.field]: e.message } : {}
}

// The first error among a field and its indexed children ("supervisors" or "supervisors[1]").
export function errorUnder(errors: FieldErrors, field: string): string {
  for (const [k, v] of Object.entries(errors)) if (k === field || k.startsWith(`${field}[`) || k.startsWith(`${field}.`)) return v
  return ''
}

// True on a phone-sized screen, following the window as it changes.
export function useNarrow(maxWidth = 768): Ref<boolean> {
  const narrow = ref(false)
  let media: MediaQueryList | null = null
  const update = () => (narrow.value = !!media?.matches)
  onMounted(() => {
    media = window.matchMedia(`(max-width: ${maxWidth}px)`)
    update()
    media.addEventListener('change', update)
  })
  onBeforeUnmount(() => media?.removeEventListener('change', update))
  return narrow
}
