// The document a mail's sanitised HTML is shown in: inside a sandboxed frame (no scripts), links open
// apart from the app, no referrer leaves with a request, and remote images (their addresses wait in
// data-remote-src, see the server's sanitiser) load only once the agent asks.

/** Whether the HTML holds remote images that are held back. */
export function hasRemoteImages(html: string): boolean {
  return html.includes('data-remote-src=')
}

/** The frame's srcdoc: the HTML with remote images given their address only when `showImages`. */
export function emailDocument(html: string, showImages: boolean): string {
  const body = new DOMParser().parseFromString(html, 'text/html').body
  for (const img of body.querySelectorAll<HTMLImageElement>('img[data-remote-src]')) {
    const address = img.getAttribute('data-remote-src') ?? ''
    if (showImages && /^https?:\/\//i.test(address)) img.setAttribute('src', address)
    else img.removeAttribute('src')
  }
  for (const link of body.querySelectorAll('a[href]')) {
    link.setAttribute('target', '_blank')
    link.setAttribute('rel', 'noopener noreferrer nofollow')
  }
  return [
    '<!doctype html><html><head><meta charset="utf-8">',
    '<meta name="referrer" content="no-referrer"><base target="_blank">',
    '<style>body{margin:0;font:14px/1.45 system-ui,sans-serif;overflow-wrap:anywhere;color:#1d2430}',
    'img{max-width:100%;height:auto}table{max-width:100%}pre{white-space:pre-wrap}</style>',
    `</head><body>${body.innerHTML}</body></html>`,
  ].join('')
}
