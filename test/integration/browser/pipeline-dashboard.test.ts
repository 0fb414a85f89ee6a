// The dashboard in Chromium with the whole pipeline running (`pesaflow start`: real broker, traffic, the exactly-once
// processor, the store sink): the page loads without errors, the throughput figure rises, a SIM-swap takeover
// injected into the stream (the swap, then the cash-out) appears in the alert feed within 5 s of the cash-out, and
// acknowledging it survives a reload.
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { randomInt } from 'node:crypto'
import { mkdirSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { projectRoot } from '../../../src/config/paths.ts'
import { formatEat } from '../../../src/domain/eat-time.ts'
import { RECEIPT_ALPHABET, receiptPrefixForInstant } from '../../../src/domain/receipt.ts'
import { withdrawFee } from '../../../src/domain/tariff.ts'
import { createKafkaAdmin } from '../../../src/kafka/admin.ts'
import { partitionForKey } from '../../../src/kafka/partitioner.ts'
import { createRecordProducer } from '../../../src/kafka/producer.ts'
import { consumerGroupName } from '../../../src/topics/registry.ts'
import { collectPageErrors, launchChromium } from '../../browser/support/chromium.ts'
import { alertRow, waitForAlertStatus, waitForKpiAbove, waitForLive } from '../../browser/support/dashboard-page.ts'
import { testCluster, uniqueName } from '../helpers.ts'
import { deleteTopics, readAll, until } from '../processor/support.ts'

const receipt = (at: number): string => receiptPrefixForInstant(at) + Array.from({ length: 7 }, () => RECEIPT_ALPHABET[randomInt(36)]).join('')

/** A SIM swap, then a cash-out a second later far above the usual withdrawal: what a takeover looks like in the stream. */
function simSwapTakeover (topics: { transactions: string; accountEvents: string }, msisdn: string, at: number): { records: Parameters<ReturnType<typeof createRecordProducer>['send']>[0]; transactionId: string } {
  const transactionId = receipt(at + 1000)
  const event = { event_id: `AE${receipt(at)}`, msisdn, event_type: 'SIM_SWAP', timestamp: formatEat(at), market: 'Nairobi' }
  const cashOut = {
    schema_version: 1, transaction_id: transactionId, transaction_type: 'WITHDRAW', timestamp: formatEat(at + 1000), amount: 150_000,
    fee: withdrawFee(150_000), currency: 'KES', sender: msisdn, receiver: '304521', sender_type: 'CUSTOMER', receiver_type: 'AGENT',
    market: 'Nairobi', channel: 'AGENT', status: 'SUCCESS'
  }
  return {
    transactionId,
    records: [
      { topic: topics.accountEvents, key: msisdn, value: Buffer.from(JSON.stringify(event)), timestamp: at },
      { topic: topics.transactions, key: msisdn, value: Buffer.from(JSON.stringify(cashOut)), timestamp: at + 1000 }
    ]
  }
}

test('the dashboard on the running pipeline: live throughput, an injected SIM-swap alert within 5 s, acknowledged across a reload', { timeout: 300_000 }, async () => {
  const prefix = uniqueName('ui') + '.'
  const child = spawn(process.execPath, [join(projectRoot, 'src/cli/main.ts'), 'start', '--rate', '200', '--dashboard-port', '0', '--keep-broker'], {
    env: { ...process.env, TOPIC_PREFIX: prefix, LOG_LEVEL: 'warn', DATABASE_URL: '', PESAFLOW_STORE_DIR: mkdtempSync(join(tmpdir(), 'pesaflow-ui-')) },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString() })
  child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString() })
  const exited = new Promise<number | null>((resolve) => { child.on('exit', (code) => { resolve(code) }) })
  const cluster = testCluster('ui', { topicPrefix: prefix })
  const browser = await launchChromium()
  try {
    await until(() => /dashboard at http/.test(output), () => output)
    const url = /dashboard at (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1] ?? ''
    const page = await browser.context.newPage()
    const errors = collectPageErrors(page)
    await page.goto(url)
    await waitForLive(page)
    await waitForKpiAbove(page, 'inPerSec', 0)
    // The processor is running (joined, restored, committing) once the group has committed records.
    await until(() => [...output.matchAll(/processed ([\d,]+)/g)].some((m) => Number(m[1]?.replaceAll(',', '')) > 0), () => output)

    const msisdn = `25471${String(randomInt(1_000_000, 9_999_999))}` // 2547 1x: a Safaricom prefix (others are dead-lettered)
    const takeover = simSwapTakeover({ transactions: cluster.topics.transactions.name, accountEvents: cluster.topics.accountEvents.name }, msisdn, Date.now())
    // The SIM swap first, then (once the processor has committed it, as minutes would pass in life) the cash-out.
    const producer = createRecordProducer(cluster.config.kafka)
    const eventsTopic = cluster.topics.accountEvents.name
    const partition = partitionForKey(msisdn, cluster.topics.accountEvents.partitions)
    const admin = createKafkaAdmin(cluster.config.kafka)
    const [described] = await admin.describeTopics([eventsTopic])
    const before = (await admin.endOffsets([described!])).get(`${eventsTopic}:${partition}`) ?? 0n
    await producer.send(takeover.records.slice(0, 1))
    await until(async () => ((await admin.groupOffsets(consumerGroupName(prefix, 'pipeline'), [eventsTopic])).get(`${eventsTopic}:${partition}`) ?? 0n) > before, () => output)
    await admin.close()
    await producer.send(takeover.records.slice(1))
    await producer.close()
    const alertId = `SIM_SWAP_TAKEOVER:${takeover.transactionId}`
    // The bound: in the feed within 5 s of being produced (a patience limit; the usual time is about a second).
    const injectedAt = Date.now()
    await page.waitForSelector(`${alertRow(alertId)}[data-status="OPEN"]`, { timeout: 5000 }).catch(async (error: unknown) => {
      // What the stream and the store hold, to tell a slow page from a missing alert.
      await until(async () => (await readAll(cluster, cluster.topics.alerts.name)).some((r) => String(r.value).includes(alertId)), () => `no ${alertId} in mpesa-alerts`, 60_000)
      const stored = (await fetch(`${url}/api/alerts/${encodeURIComponent(alertId)}`)).status
      throw new Error(`${String(error)}; the alert reached mpesa-alerts after ${Date.now() - injectedAt} ms at most; store answers ${stored}`)
    })
    assert.equal(await page.locator(`${alertRow(alertId)} .account`).textContent(), `${msisdn.slice(0, 4)}****${msisdn.slice(-4)}`)

    await page.fill('#analyst', 'Achieng')
    await page.click(`${alertRow(alertId)} button[data-action="acknowledge"]`)
    await waitForAlertStatus(page, alertId, 'ACKNOWLEDGED')
    await page.reload()
    await waitForLive(page)
    await waitForAlertStatus(page, alertId, 'ACKNOWLEDGED')
    mkdirSync(join(projectRoot, 'test-output'), { recursive: true })
    await page.screenshot({ path: join(projectRoot, 'test-output', 'dashboard-pipeline.png'), fullPage: true })
    assert.deepEqual(errors, [])
    assert.equal((await page.locator('body').innerText()).includes(msisdn), false, 'no full phone number on the page')
  } finally {
    await browser.close()
    child.kill('SIGINT')
    assert.equal(await exited, 0, output)
    await deleteTopics(cluster)
  }
})
