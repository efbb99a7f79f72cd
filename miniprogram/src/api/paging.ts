import type { Page } from './catalogTypes'

type PageCounts = Pick<Page<unknown>, 'items' | 'page' | 'page_size' | 'total' | 'total_capped'>

/** Whether a page has more after it. Past a capped count the total is only a lower bound: while pages are full. */
export function hasMore (page: PageCounts): boolean {
  if (page.total_capped) return page.items.length === page.page_size
  return page.page * page.page_size < page.total
}

/** How many there are, as the list can tell: `1000+` past a capped count. */
export function countText (page: Pick<Page<unknown>, 'total' | 'total_capped'>): string {
  return page.total_capped ? `${page.total}+` : String(page.total)
}
