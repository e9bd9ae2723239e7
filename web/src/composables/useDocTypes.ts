import { ref } from 'vue'
import { api, errorText, type DocType, type Page } from '../api'

// The template registry (GET /document-types), loaded once per page.
export function useDocTypes() {
  const types = ref<DocType[]>([])
  const typesError = ref<{ message: string; basis?: string } | null>(null)

  async function loadTypes() {
    typesError.value = null
    try {
      types.value = (await api.get<Page<DocType>>('/document-types')).items ?? []
    } catch (e) {
      typesError.value = errorText(e)
    }
  }

  return { types, typesError, loadTypes }
}
