// The test command: type check, lint, then every node:test suite (unit and integration) with a pass/fail summary.
// Usage: npm test [-- unit|integration|<file or folder>...]
import { spawnSync } from 'node:child_process'
import { readdirSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { projectRoot } from '../src/config/paths.ts'

const bin = (name: string): string => join(projectRoot, 'node_modules', '.bin', name)

function testFiles (dir: string): string[] {
  const full = join(projectRoot, dir)
  if (statSync(full).isFile()) return [dir]
  return readdirSync(full, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => relative(projectRoot, join(full, f)))
    .sort()
}

function run (label: string, command: string, args: string[]): boolean {
  console.log(`\n== ${label}`)
  const result = spawnSync(command, args, { cwd: projectRoot, stdio: 'inherit' })
  const ok = result.status === 0
  console.log(`== ${label}: ${ok ? 'passed' : `FAILED (exit ${result.status ?? result.signal})`}`)
  return ok
}

const selection = process.argv.slice(2)
const targets = selection.length === 0 ? ['test'] : selection.map((s) => (s === 'unit' || s === 'integration') ? `test/${s}` : s)
const files = targets.flatMap(testFiles)
const needsBroker = files.some((f) => f.startsWith(join('test', 'integration')))

const results: [string, boolean][] = []
if (selection.length === 0) {
  results.push(['type check (tsc --noEmit)', run('type check (tsc --noEmit)', bin('tsc'), ['--noEmit'])])
  results.push(['lint (eslint)', run('lint (eslint)', bin('eslint'), ['.'])])
}
const nodeArgs = [
  '--test', '--test-reporter=spec', '--test-concurrency=2', '--test-timeout=600000',
  ...(needsBroker ? ['--test-global-setup=test/integration/global-setup.ts'] : []),
  ...files
]
results.push([`tests (${files.length} files)`, run(`tests (${files.length} files)`, process.execPath, nodeArgs)])

console.log('\nSummary')
for (const [label, ok] of results) console.log(`  ${ok ? 'PASS' : 'FAIL'}  ${label}`)
process.exit(results.every(([, ok]) => ok) ? 0 : 1)
