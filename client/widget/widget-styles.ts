// The widget's styles, inside its shadow root: the host page's CSS cannot reach in, and `all: initial`
// on the host stops inherited fonts and colours from leaking through the boundary.

export const widgetStyles = `
:host { all: initial; }
* { box-sizing: border-box; }
.hc { position: fixed; right: 20px; bottom: 20px; z-index: 2147483000; font: 14px/1.45 system-ui, -apple-system,
  "Segoe UI", Roboto, sans-serif; color: #1f2430; }
button, input, textarea { font: inherit; color: inherit; margin: 0; }
.launcher { position: relative; width: 56px; height: 56px; border: 0; border-radius: 50%; background: #2f5bea; color: #fff;
  cursor: pointer; box-shadow: 0 4px 14px rgba(0,0,0,.25); display: grid; place-items: center; float: right; }
.launcher svg { width: 26px; height: 26px; fill: currentColor; }
.badge { position: absolute; top: -4px; right: -4px; min-width: 20px; height: 20px; padding: 0 6px; border-radius: 10px;
  background: #e5484d; color: #fff; font-size: 12px; line-height: 20px; text-align: center; }
.panel { width: min(360px, calc(100vw - 40px)); height: min(520px, calc(100vh - 110px)); margin-bottom: 12px;
  background: #fff; border-radius: 14px; box-shadow: 0 10px 40px rgba(0,0,0,.22); display: flex; flex-direction: column;
  overflow: hidden; }
[hidden] { display: none !important; }
header { display: flex; align-items: center; justify-content: space-between; padding: 12px 14px; background: #2f5bea;
  color: #fff; font-weight: 600; }
header button { border: 0; background: transparent; color: #fff; font-size: 20px; line-height: 1; cursor: pointer; }
.status { padding: 4px 14px; font-size: 12px; color: #8a5a00; background: #fff6e0; }
.log { flex: 1; overflow-y: auto; margin: 0; padding: 12px; list-style: none; display: flex; flex-direction: column; gap: 8px; }
.log li { max-width: 80%; padding: 8px 11px; border-radius: 12px; white-space: pre-wrap; overflow-wrap: anywhere; }
.log .inbound { align-self: flex-end; background: #2f5bea; color: #fff; border-bottom-right-radius: 4px; }
.log .outbound { align-self: flex-start; background: #eef0f5; border-bottom-left-radius: 4px; }
.log .sending { opacity: .6; }
.log .failed { background: #fde8e8; color: #8a1c1c; }
.who { display: block; font-size: 11px; font-weight: 600; opacity: .75; }
.problem { display: block; font-size: 11px; margin-top: 2px; }
.typing { padding: 0 14px 6px; font-size: 12px; color: #5b6270; font-style: italic; }
details { padding: 6px 14px; border-top: 1px solid #eceef3; font-size: 13px; }
summary { cursor: pointer; color: #2f5bea; }
.identify { display: grid; gap: 6px; margin-top: 6px; }
.identify label { display: grid; gap: 2px; font-size: 12px; color: #5b6270; }
input, textarea { width: 100%; padding: 7px 9px; border: 1px solid #cfd3dc; border-radius: 8px; background: #fff; }
.compose { display: flex; gap: 8px; padding: 10px; border-top: 1px solid #eceef3; align-items: flex-end; }
.compose textarea { resize: none; height: 40px; max-height: 120px; }
.primary { border: 0; border-radius: 8px; padding: 8px 14px; background: #2f5bea; color: #fff; cursor: pointer; }
.primary:disabled { opacity: .5; cursor: default; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
:focus-visible { outline: 2px solid #f5a524; outline-offset: 2px; }
`
