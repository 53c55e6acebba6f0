// Distinct values per test, so tests sharing one server never see each other's customers.
import { randomUUID } from 'node:crypto'

export const uniqueEmail = (prefix = 'customer'): string => `${prefix}-${randomUUID().slice(0, 8)}@example.com`
