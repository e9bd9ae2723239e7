// What the dispute pages share beyond api.ts: the 执法领域 vocabulary and the region tree (both
// fixed while the page is open, so read once). Downloads (the register's Excel export, a
// dispute's 公函) go through ../../download.
import { api, type EnforcementDomain, type RegionNode } from '../../api'
export { downloadFile } from '../../download'

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
