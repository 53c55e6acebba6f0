// The one line a website adds to get the chat widget (shown when a chat channel is created).

export function widgetSnippet(publicUrl: string, channelId: string): string {
  return `<script src="${publicUrl}/widget.js" data-channel="${channelId}" async></script>`
}
