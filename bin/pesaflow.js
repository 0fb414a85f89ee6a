#!/usr/bin/env node
// The `pesaflow` binary: re-executes the TypeScript CLI on Node 24 (the project's node@24 when present).
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const local = join(root, 'node_modules', '.bin', 'node')
const major = Number(process.versions.node.split('.')[0])
const node = major >= 24 ? process.execPath : existsSync(local) ? local : null
if (node === null) {
  console.error('pesaflow needs Node.js 24: run `npm install` in ' + root + ' (it installs node@24 locally).')
  process.exit(1)
}
const result = spawnSync(node, [join(root, 'src', 'cli', 'main.ts'), ...process.argv.slice(2)], { stdio: 'inherit' })
process.exit(result.status ?? 1)
