// A small HTTP client for tests: JSON in and out, a session cookie or a bearer token.
import { adminEmail, adminPassword } from './test-server.ts'

export interface ApiResponse<T = any> {
  status: number
  body: T
  headers: Headers
}

export class ApiClient {
  cookie: string | null = null
  token: string | null = null

  constructor(readonly baseUrl: string) {}

  async request<T = any>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse<T>> {
    const init: RequestInit = { method, headers: { ...headers } }
    const h = init.headers as Record<string, string>
    if (body !== undefined) {
      h['content-type'] ??= 'application/json'
      init.body = typeof body === 'string' ? body : JSON.stringify(body)
    }
    if (this.cookie) h.cookie = this.cookie
    if (this.token) h.authorization = `Bearer ${this.token}`
    const response = await fetch(this.baseUrl + path, init)
    const setCookie = response.headers.get('set-cookie')
    if (setCookie) this.cookie = setCookie.split(';')[0]!
    const text = await response.text()
    let parsed: unknown = text
    try {
      parsed = text ? JSON.parse(text) : null
    } catch {}
    return { status: response.status, body: parsed as T, headers: response.headers }
  }

  get = <T = any>(path: string) => this.request<T>('GET', path)
  post = <T = any>(path: string, body?: unknown, headers?: Record<string, string>) =>
    this.request<T>('POST', path, body ?? {}, headers)
  patch = <T = any>(path: string, body: unknown) => this.request<T>('PATCH', path, body)
  put = <T = any>(path: string, body: unknown) => this.request<T>('PUT', path, body)
  delete = <T = any>(path: string) => this.request<T>('DELETE', path)

  async login(email = adminEmail, password = adminPassword): Promise<this> {
    const response = await this.post('/api/auth/login', { email, password })
    if (response.status !== 200) throw new Error(`login failed: ${response.status} ${JSON.stringify(response.body)}`)
    return this
  }
}
