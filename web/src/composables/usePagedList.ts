import { ref } from 'vue'
import { api, errorText, type Page } from '../api'

type Query = Record<string, string | number | undefined | null>

// A server-paged list: `?page=&size=` plus filters → {items,total}.
export function usePagedList<T = Record<string, unknown>>(path: string, filters: () => Query, size = 20) {
  const items = ref<T[]>([]) as { value: T[] }
  const total = ref(0)
  const page = ref(1)
  const pageSize = ref(size)
  const loading = ref(false)
  const error = ref<{ message: string; basis?: string } | null>(null)
  // The filters of the rows shown (those of the last load), for the 导出Excel of the same rows.
  let shown: Query = {}

  async function load() {
    loading.value = true
    error.value = null
    try {
      shown = { ...filters() }
      const ans = await api.get<Page<T>>(path, { ...shown, page: page.value, size: pageSize.value })
      items.value = ans.items ?? []
      total.value = ans.total ?? 0
    } catch (e) {
      items.value = []
      total.value = 0
      error.value = errorText(e)
    } finally {
      loading.value = false
    }
  }

  // A new filter starts again from page 1.
  function search() {
    page.value = 1
    return load()
  }

  const shownFilters = (): Query => shown

  return { items, total, page, pageSize, loading, error, load, search, shownFilters }
}
