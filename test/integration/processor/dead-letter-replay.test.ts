// Dead letters replayed after a fix: records refused for their size are sent back once the processor's limit is
// raised, and each is then processed exactly once (no new dead letter, outputs equal a recomputation).
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { test } from 'node:test'
import { projectRoot } from '../../../src/config/paths.ts'
import { DeadLetterHeaders } from '../../../src/engine/dead-letter.ts'
import { createTopics, testCluster } from '../helpers.ts'
import { cliEnv, deleteTopics, produceInput, readAll, startProcessor, verifyOutputs } from './support.ts'

const RAISED_LIMIT = 1_100_000

test('dlq replay after raising the record size limit: the replayed records are processed exactly once', { timeout: 600_000 }, async () => {
  const cluster = testCluster('eos-replay')
  await createTopics(cluster, ['transactions', 'accountEvents'])
  produceInput(cluster, 20_000, 31, 0.01)
  const first = startProcessor(cluster, ['--until-caught-up'])
  assert.equal(await first.exited, 0, first.output())
  const tooLarge = (await readAll(cluster, cluster.topics.deadLetters.name)).filter((d) => d.headers.get(DeadLetterHeaders.code)?.toString() === 'RECORD_TOO_LARGE')
  assert.ok(tooLarge.length > 0, 'the poison mix holds 1 MB records')

  const replay = spawnSync(process.execPath, [join(projectRoot, 'src/cli/main.ts'), 'dlq', 'replay', '--code', 'RECORD_TOO_LARGE'], { encoding: 'utf8', env: cliEnv(cluster) })
  assert.equal(replay.status, 0, replay.stderr)
  assert.match(replay.stdout, new RegExp(`^${tooLarge.length} record\\(s\\) replayed`, 'm'))

  const second = startProcessor(cluster, ['--until-caught-up', '--max-record-bytes', String(RAISED_LIMIT)])
  assert.equal(await second.exited, 0, second.output())
  assert.match(second.output(), new RegExp(`processed ${tooLarge.length}, dead-lettered 0`))
  const result = await verifyOutputs(cluster, (record) => record.headers?.has('pesaflow.replayed.from') === true ? RAISED_LIMIT : undefined)
  assert.equal(result.deadLetters, (await readAll(cluster, cluster.topics.deadLetters.name)).length)
  await deleteTopics(cluster)
})
