// The app's pages forbid eval (Content-Security-Policy), so zod's compiled fast path can never be used:
// telling it so spares every start a refused `new Function` (a CSP violation report, tens of ms on a busy
// machine). Imported first by the entry.
import { z } from 'zod'

z.config({ jitless: true })
