/** Keys for `Idempotency-Key`. Pure: no @tarojs import. */

/**
 * A random version-4 UUID. Mini-programs have no crypto.randomUUID, so Math.random fills in where
 * it is missing: a key only has to be unique to one resident's retries within 24 hours.
 */
export function newIdempotencyKey (): string {
  const cryptoApi = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto
  if (cryptoApi?.randomUUID) return cryptoApi.randomUUID()
  return 'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'.replace(/[xy]/g, (c) => {
    const r = Math.floor(Math.random() * 16)
    return (c === 'x' ? r : (r % 4) + 8).toString(16)
  })
}
