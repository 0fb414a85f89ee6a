// The main job end to end: `pesaflow start` shows records flowing through the real broker and stops cleanly on Ctrl-C.
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { test } from 'node:test'
import { projectRoot } from '../../../src/config/paths.ts'
import { createKafkaAdmin } from '../../../src/kafka/admin.ts'
import { testCluster, uniqueName } from '../helpers.ts'

test('pesaflow start produces and consumes through Kafka, then stops on SIGINT with exit 0', { timeout: 180_000 }, async () => {
  const prefix = uniqueName('start') + '.'
  const child = spawn(process.execPath, [join(projectRoot, 'src/cli/main.ts'), 'start', '--rate', '300'], {
    env: { ...process.env, TOPIC_PREFIX: prefix, LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe']
  })
  let output = ''
  let interrupted = false
  const exited = new Promise<number | null>((resolve) => { child.on('exit', (code) => { resolve(code) }) })
  child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString() })
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString()
    // Interrupt once the consumer group has read records the producer sent.
    const consumed = [...output.matchAll(/consumed ([\d,]+)/g)].map((m) => Number(m[1]?.replaceAll(',', '')))
    if (!interrupted && consumed.some((n) => n >= 300)) {
      interrupted = true
      child.kill('SIGINT')
    }
  })
  const code = await exited
  assert.equal(code, 0, output)
  assert.match(output, /Topics ready: 11 created/)
  assert.match(output, /Producer stopped: [\d,]+ records acknowledged, 0 failed/)
  assert.match(output, /Consumer left group .*mpesa-consumer-group/)
  assert.match(output, /Stopped cleanly/)
  assert.doesNotMatch(output, /\b254\d{9}\b/, 'no full phone number on screen')
  assert.match(output, /2547\*\*\*\*\d{4}|2541\*\*\*\*\d{4}/)

  const cluster = testCluster('start-cleanup', { topicPrefix: prefix })
  const admin = createKafkaAdmin(cluster.config.kafka)
  await admin.deleteTopics(Object.values(cluster.topics).map((t) => t.name))
  await admin.close()
})
