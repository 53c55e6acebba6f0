// Row ids: UUIDv7, time-ordered so new rows land at the end of their primary-key index.
import { v7 } from 'uuid'

export const newId = (): string => v7()
