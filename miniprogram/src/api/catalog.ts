/** The public catalog calls (no login): item search and guides, halls. Failures reject with ApiError. */
import { api } from './client'
import { hallPath, hallsPath, itemPath, itemsPath } from './catalogQuery'
import type { HallDetail, HallList, ItemGuide, ItemSearch, ItemSummary, Page } from './catalogTypes'

/** `GET /api/v1/items?q=&theme=&page=&page_size=`; `q` may be Chinese, full pinyin or initials ("shbk"). */
export function searchItems (search: ItemSearch = {}): Promise<Page<ItemSummary>> {
  return api.get<Page<ItemSummary>>(itemsPath(search), { auth: false })
}

/** `GET /api/v1/items/{code}`: the full guide with materials and where it is handled. */
export function getItem (code: string): Promise<ItemGuide> {
  return api.get<ItemGuide>(itemPath(code), { auth: false })
}

/** `GET /api/v1/halls[?near=lat,lng]`: with `near`, nearest first and `distance_m` set. */
export function listHalls (near?: string | null): Promise<HallList> {
  return api.get<HallList>(hallsPath(near), { auth: false })
}

/** `GET /api/v1/halls/{id}`: weekly hours, closures, queue categories and windows. */
export function getHall (id: number): Promise<HallDetail> {
  return api.get<HallDetail>(hallPath(id), { auth: false })
}
