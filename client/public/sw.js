// Keeps the app shell for offline starts: the page (network first, the kept copy when unreachable) and
// the hashed assets (kept on first use; their names change with every build, so they never go stale).
// API calls and sockets always go to the network.
const cacheName = 'helpdesk-shell-v1'

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(cacheName).then((cache) => cache.add('/')))
  self.skipWaiting()
})

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((name) => name !== cacheName).map((name) => caches.delete(name))))
      .then(() => self.clients.claim()),
  )
})

self.addEventListener('message', (event) => {
  if (event.data?.type !== 'keep') return
  event.waitUntil(
    caches.open(cacheName).then(async (cache) => {
      for (const url of event.data.urls) {
        if (!(await cache.match(url))) await cache.add(url).catch(() => undefined)
      }
    }),
  )
})

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url)
  if (event.request.method !== 'GET' || url.origin !== location.origin) return
  if (event.request.mode === 'navigate' || url.pathname === '/') {
    event.respondWith(
      fetch(event.request)
        .then((response) => {
          if (response.ok) {
            const copy = response.clone()
            caches.open(cacheName).then((cache) => cache.put('/', copy))
          }
          return response
        })
        .catch(() => caches.match('/').then((kept) => kept ?? Response.error())),
    )
  } else if (url.pathname.startsWith('/assets/')) {
    event.respondWith(
      caches.match(url.pathname).then(
        (kept) =>
          kept ??
          fetch(event.request).then((response) => {
            if (response.ok) {
              const copy = response.clone()
              caches.open(cacheName).then((cache) => cache.put(url.pathname, copy))
            }
            return response
          }),
      ),
    )
  }
})
