// The import check CI runs: dependencies point one way. It reads every import (type-only ones too) of
// client/, server/ and shared/ with TypeScript's own pre-processor, and fails when
// - shared/ or client/ imports server/ (or shared/ imports client/),
// - anything under server/ other than http/ itself and the composition root imports server/http/,
// - the folders of server/ import each other in a circle,
// - two files import each other in a circle.
// `--graph` prints the folder-level graph of server/ instead.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import ts from 'typescript'

const root = resolve(import.meta.dirname, '..')
const sides = ['client', 'server', 'shared']
/** The composition root: the only server files outside http/ that may wire the web layer in. */
const compositionRoot = new Set(['server/main.ts', 'server/create-server.ts'])

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(join(root, path)).isDirectory()) return sourceFiles(path)
    return /\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts') ? [path] : []
  })
}

/** Relative imports of one file, resolved to repository paths. */
function importsOf(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(join(root, file), 'utf8'), true, true)
  return importedFiles
    .map((i) => i.fileName)
    .filter((name) => name.startsWith('.'))
    .map((name) => relative(root, resolve(root, dirname(file), name)))
}

/** server/rules/rule-engine.ts → server/rules; server/main.ts → server/main.ts */
function serverFolder(file: string): string {
  const parts = file.split('/')
  return parts.length > 2 ? `${parts[0]}/${parts[1]}` : file
}

/** Strongly connected components with more than one member (Tarjan). */
function circles(graph: Map<string, Set<string>>): string[][] {
  let counter = 0
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const found: string[][] = []
  const visit = (node: string) => {
    index.set(node, counter)
    low.set(node, counter++)
    stack.push(node)
    onStack.add(node)
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next)
        low.set(node, Math.min(low.get(node)!, low.get(next)!))
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!))
    }
    if (low.get(node) !== index.get(node)) return
    const component: string[] = []
    let member: string
    do {
      member = stack.pop()!
      onStack.delete(member)
      component.push(member)
    } while (member !== node)
    if (component.length > 1) found.push(component.sort())
  }
  for (const node of graph.keys()) if (!index.has(node)) visit(node)
  return found
}

const files = sides.flatMap(sourceFiles)
const fileGraph = new Map(files.map((file) => [file, new Set(importsOf(file))]))
const folderGraph = new Map<string, Set<string>>()
const problems: string[] = []

for (const [file, imports] of fileGraph) {
  const side = file.split('/')[0]
  for (const target of imports) {
    const targetSide = target.split('/')[0]
    if (side !== 'server' && targetSide === 'server') problems.push(`${file} imports ${target}: ${side}/ never imports server/`)
    if (side === 'shared' && targetSide === 'client') problems.push(`${file} imports ${target}: shared/ never imports client/`)
    if (side !== 'server' || targetSide !== 'server') continue
    const from = serverFolder(file)
    const to = serverFolder(target)
    if (to === 'server/http' && from !== 'server/http' && !compositionRoot.has(file)) {
      problems.push(`${file} imports ${target}: only http/ and the composition root import the web layer`)
    }
    if (from !== to) {
      if (!folderGraph.has(from)) folderGraph.set(from, new Set())
      folderGraph.get(from)!.add(to)
    }
  }
}

if (process.argv.includes('--graph')) {
  for (const [folder, targets] of [...folderGraph].sort()) console.log(`${folder} → ${[...targets].sort().join(', ')}`)
  process.exit(0)
}

for (const circle of circles(folderGraph)) problems.push(`server folders import each other in a circle: ${circle.join(', ')}`)
for (const circle of circles(fileGraph)) problems.push(`files import each other in a circle: ${circle.join(', ')}`)

if (problems.length) {
  console.error(`Import check failed:\n${problems.map((p) => `- ${p}`).join('\n')}`)
  process.exit(1)
}
console.log(`Import check passed: ${files.length} files, ${folderGraph.size} server folders, no circle.`)
