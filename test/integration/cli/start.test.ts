// The main job end to end: `pesaflow start` runs traffic, the exactly-once processor and the dashboard on the real
// broker, shows records processed, serves the page, and stops cleanly on Ctrl-C.
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { projectRoot } from '../../../src/config/paths.ts'
import { createKafkaAdmin } from '../../../src/kafka/admin.ts'
import { testCluster, uniqueName } from '../helpers.ts'

test('pesaflow start produces, processes and serves the dashboard, then stops on SIGINT with exit 0', { timeout: 180_000 }, async () => {
  const prefix = uniqueName('start') + '.'
  const storeDir = mkdtempSync(join(tmpdir(), 'pesaflow-start-'))
  const child = spawn(process.execPath, [join(projectRoot, 'src/cli/main.ts'), 'start', '--rate', '300', '--dashboard-port', '0'], {
    env: { ...process.env, TOPIC_PREFIX: prefix, LOG_LEVEL: 'warn', DATABASE_URL: '', PESAFLOW_STORE_DIR: storeDir }, stdio: ['ignore', 'pipe', 'pipe']
  })
  let page: Promise<number> | undefined
  let output = ''
  let interrupted = false
  const exited = new Promise<number | null>((resolve) => { child.on('exit', (code) => { resolve(code) }) })
  child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString() })
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString()
    const url = /dashboard at (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1]
    if (url !== undefined && page === undefined) page = fetch(url).then((r) => r.status)
    // Interrupt once the processor has committed records the producer sent (and the page was fetched).
    const processed = [...output.matchAll(/processed ([\d,]+)/g)].map((m) => Number(m[1]?.replaceAll(',', '')))
    if (!interrupted && page !== undefined && processed.some((n) => n >= 300)) {
      interrupted = true
      child.kill('SIGINT')
    }
  })
  const code = await exited
  assert.equal(code, 0, output)
  assert.match(output, /Topics ready: 12 created/)
  assert.match(output, /Producer stopped: [\d,]+ records acknowledged, 0 failed/)
  assert.match(output, /Processor left group .*mpesa-consumer-group \(exit 0\)/)
  assert.match(output, /Dashboard stopped/)
  assert.equal(await page, 200, 'the dashboard page was served')
  assert.match(output, /Stopped cleanly/)
  assert.doesNotMatch(output, /\b254\d{9}\b/, 'no full phone number on screen')
  assert.match(output, /2547\*\*\*\*\d{4}|2541\*\*\*\*\d{4}/)

  const cluster = testCluster('start-cleanup', { topicPrefix: prefix })
  const admin = createKafkaAdmin(cluster.config.kafka)
  await admin.deleteTopics(Object.values(cluster.topics).map((t) => t.name))
  await admin.close()
})
