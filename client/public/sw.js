// Keeps the app shell for offline and quick starts: the page (the kept copy first, refreshed from the
// network behind it) and the hashed assets (kept on first use; their names change with every build, so
// they never go stale).
// API calls and sockets always go to the network.
//
// The build writes its asset names below (vite.config.ts), so every build is a new service worker: once
// it takes over, assets of the builds before the previous one leave the cache, which holds the current
// build and the one it replaced, not every build ever seen. The server sends assets
// compressed; the cache keeps the decoded response and serves it as it is.
const cacheName = 'helpdesk-shell-v1'
const buildAssets = null
// Kept responses vary by Accept-Encoding, which a request made here does not carry: any copy will do.
const anyEncoding = { ignoreVary: true }
// Where the assets of the build before this one are listed (see activate).
const earlierBuildKey = '/.earlier-build-assets'

self.addEventListener('install', (event) => {
  // API calls and streams go straight to the network, never waking this worker (which would only let
  // them through): a round trip through its thread per request, the inbox's first rows among them.
  // Browsers without static routing send them through the fetch handler below, which lets them be.
  const routed = event.addRoutes?.({ condition: { urlPattern: '/api/*' }, source: 'network' }).catch(() => undefined)
  event.waitUntil(Promise.all([routed, caches.open(cacheName).then((cache) => cache.add('/'))]))
  self.skipWaiting()
})

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((name) => name !== cacheName).map((name) => caches.delete(name))))
      .then(() => caches.open(cacheName))
      .then(async (cache) => {
        if (!buildAssets) return
        // The build just replaced keeps its assets one build longer: a page of it may still be running
        // (the kept page starts before a new build is seen) and load a chunk it has not used yet, which
        // the server no longer has. The builds before it go now.
        const recorded = await cache.match(earlierBuildKey, anyEncoding)
        const older = recorded ? await recorded.json() : []
        const earlier = []
        for (const request of await cache.keys()) {
          const path = new URL(request.url).pathname
          if (!path.startsWith('/assets/') || buildAssets.includes(path)) continue
          if (older.includes(path)) await cache.delete(request, anyEncoding)
          else earlier.push(path)
        }
        await cache.put(earlierBuildKey, new Response(JSON.stringify(earlier)))
      })
      .then(() => self.clients.claim()),
  )
})

self.addEventListener('message', (event) => {
  if (event.data?.type !== 'keep') return
  event.waitUntil(
    caches.open(cacheName).then(async (cache) => {
      for (const url of event.data.urls) {
        if (!(await cache.match(url, anyEncoding))) await cache.add(url).catch(() => undefined)
      }
    }),
  )
})

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url)
  if (event.request.method !== 'GET' || url.origin !== location.origin) return
  if (event.request.mode === 'navigate' || url.pathname === '/') {
    // The kept page at once, the server's asked behind it for the next start: a start never waits on the
    // network for a page that names hashed files (a new build is seen one start later). No kept page
    // yet: the network, as ever.
    const fresh = fetch(event.request).then((response) => {
      if (response.ok) {
        const copy = response.clone()
        return caches
          .open(cacheName)
          .then((cache) => cache.put('/', copy))
          .then(() => response)
      }
      return response
    })
    event.waitUntil(
      fresh.then(
        () => undefined,
        () => undefined,
      ),
    )
    event.respondWith(
      caches
        .match('/', anyEncoding)
        .then((kept) => kept ?? fresh)
        .catch(() => caches.match('/', anyEncoding).then((kept) => kept ?? Response.error())),
    )
  } else if (url.pathname.startsWith('/assets/')) {
    event.respondWith(
      caches.match(url.pathname, anyEncoding).then(
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
