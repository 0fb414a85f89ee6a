// Fraud rules as data on the real broker: a running processor applies a newly published version without a restart
// (alerts name the version that fired), and a rules file with an error is refused with the field named while the
// running rules stay. The processor's own Prometheus metrics count what it did.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { projectRoot } from '../../../src/config/paths.ts'
import { formatEat } from '../../../src/domain/eat-time.ts'
import { receiptPrefixForInstant } from '../../../src/domain/receipt.ts'
import { sendMoneyFee } from '../../../src/domain/tariff.ts'
import { createRecordProducer } from '../../../src/kafka/producer.ts'
import { createTopics, testCluster, type TestCluster } from '../helpers.ts'
import { cliEnv, deleteTopics, readAll, startProcessor, until } from './support.ts'

const cli = join(projectRoot, 'src/cli/main.ts')

/** A transfer of `amount` between two customers, now (so the watermark and windows stay live). */
async function transfer (cluster: TestCluster, id: string, amount: number): Promise<void> {
  const now = Date.now()
  const tx = {
    schema_version: 1, transaction_id: receiptPrefixForInstant(now) + id, transaction_type: 'SEND_MONEY', timestamp: formatEat(now), amount,
    fee: sendMoneyFee(amount), currency: 'KES', sender: '254712000111', receiver: '254722000222', sender_type: 'CUSTOMER', receiver_type: 'CUSTOMER',
    market: 'Nairobi', channel: 'APP', status: 'SUCCESS'
  }
  const producer = createRecordProducer(cluster.config.kafka)
  await producer.send([{ topic: cluster.topics.transactions.name, key: tx.sender, value: Buffer.from(JSON.stringify(tx)), timestamp: now }])
  await producer.close()
}

function rules (cluster: TestCluster, args: string[]): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, [cli, 'rules', ...args], { encoding: 'utf8', env: cliEnv(cluster) })
}

test('a published rules version is applied by the running processor; a bad file is refused and changes nothing', { timeout: 300_000 }, async () => {
  const cluster = testCluster('rules')
  await createTopics(cluster, ['transactions', 'accountEvents'])
  const run = startProcessor(cluster, ['--metrics-port', '0'])
  try {
    await until(() => run.output().includes('"msg":"state restored"'), run.output)
    const alerts = async (): Promise<{ alert_id: string; rule_version: number }[]> =>
      (await readAll(cluster, cluster.topics.alerts.name)).map((r) => JSON.parse(String(r.value)) as { alert_id: string; rule_version: number })

    await transfer(cluster, 'A000001', 120_000)
    await transfer(cluster, 'A000002', 60_000)
    await until(async () => (await alerts()).length >= 1, run.output)
    assert.deepEqual((await alerts()).map((a) => [a.alert_id.split(':')[0], a.rule_version]), [['HIGH_VALUE_TRANSFER', 3]], 'version 3 (the defaults): only the transfer over KES 100,000')

    const file = join(tmpdir(), `${cluster.config.topics.prefix}rules.yaml`)
    writeFileSync(file, 'version: 4\nrules:\n  HIGH_VALUE_TRANSFER:\n    enabled: true\n    threshold_kes: 50000\n')
    const published = rules(cluster, ['publish', file])
    assert.equal(published.status, 0, published.stderr)
    assert.match(published.stdout, /published version 4: 1 of 9 rules on: HIGH_VALUE_TRANSFER/)
    await until(() => run.output().includes('"msg":"fraud rules updated"'), run.output)

    const bad = join(tmpdir(), `${cluster.config.topics.prefix}bad.yaml`)
    writeFileSync(bad, 'version: 5\nrules:\n  HIGH_VALUE_TRANSFER:\n    threshold_kes: -5\n')
    const refused = rules(cluster, ['publish', bad])
    assert.equal(refused.status, 2)
    assert.match(refused.stderr, /rules\.HIGH_VALUE_TRANSFER\.threshold_kes/)
    const stale = rules(cluster, ['publish', file])
    assert.equal(stale.status, 2, 'the same version again is refused')
    assert.match(stale.stderr, /version 4 is not newer than the published version 4/)

    await transfer(cluster, 'A000003', 60_000)
    await until(async () => (await alerts()).length >= 2, run.output)
    const latest = (await alerts()).at(-1)
    assert.equal(latest?.rule_version, 4, 'the alert names the version that fired')
    assert.match(latest?.alert_id ?? '', /^HIGH_VALUE_TRANSFER:/)
    assert.match(rules(cluster, ['show']).stdout, /^published version 4/)

    const metricsUrl = /"url":"(http:\/\/[^"]+\/metrics)"/.exec(run.output())?.[1] ?? ''
    const metrics = await (await fetch(metricsUrl)).text()
    const value = (line: string): number => Number(new RegExp(`^${line.replace(/[{}]/g, '\\$&')} (\\S+)$`, 'm').exec(metrics)?.[1])
    assert.equal(value('pesaflow_records_in_total'), 3, 'the three transfers')
    assert.equal(value('pesaflow_alerts_total{typology="HIGH_VALUE_TRANSFER"}'), 2)
    assert.equal(value('pesaflow_dead_letters_total'), 0)
    assert.ok(value('pesaflow_transaction_commit_seconds_count') >= 3, 'commit times recorded')
    assert.ok(value('pesaflow_restore_seconds_count') >= 1, 'restore time recorded')
    assert.ok(value('pesaflow_rebalances_total') >= 1)
  } finally {
    run.child.kill('SIGTERM')
    assert.equal(await run.exited, 0, run.output())
    await deleteTopics(cluster)
  }
})
