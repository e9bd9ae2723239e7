// The page of the object a to-do or a message is about (workflow object_kind + object_id), or ''
// when that object has no page of its own. Kinds are the ones the services write
// (src/lecs/*/service*.cpp: workflow add_todo / notify).
const kPages: Record<string, (id: string) => string> = {
  matter: (id) => `/supervision/matters/${id}`,
  document: (id) => `/documents/${id}`,
  dispute: (id) => `/disputes/${id}`,
  warning: (id) => `/monitoring/warnings/${id}`, // monitoring (src/lecs/monitoring/service.cpp)
  // reports (src/lecs/reports/service*.cpp): a returned report; 催报 names the agency, whose
  // liaison opens the year's report from the list.
  report_submission: (id) => `/reports/${id}`,
  report_due: () => '/reports',
}

export function objectLink(kind: string | undefined, id: string | undefined): string {
  if (!kind || !id || id === '0') return ''
  const page = kPages[kind]
  return page ? page(id) : ''
}
