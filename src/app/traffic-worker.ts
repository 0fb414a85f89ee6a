// A worker thread producing its share of the seeded stream (the partitions it owns) with its own idempotent producer.
import { parentPort, workerData } from 'node:worker_threads'
import { readableRecord } from './readable.ts'
import { runTraffic } from './traffic-producer.ts'
import { createKafkaTrafficSink } from './traffic-sink.ts'
import { partitionShare } from './traffic-source.ts'
import { reviveGeneratorOptions, type TrafficWorkerData, type WorkerReport } from './worker-protocol.ts'
import { createGenerator } from '../generator/generator.ts'
import { partitionForKey } from '../kafka/partitioner.ts'

const data = workerData as TrafficWorkerData
const port = parentPort
if (port === null) throw new Error('traffic-worker.ts runs as a worker thread only')

const generator = createGenerator(reviveGeneratorOptions(data.generator))
// Each partition has one writer, so a partition receives records in stream (event-time) order, not merely per key.
const source = partitionShare(generator, (key) => partitionForKey(key, data.partitions) % data.workers === data.index, data.index === 0)
const sink = createKafkaTrafficSink(data.kafka, data.topics, data.compression)
const run = runTraffic(source, sink, {
  ...data.traffic,
  sample: data.sampleEvery === undefined ? undefined : { every: data.sampleEvery, show: (r) => { console.log(`${r.topic}: ${readableRecord(r.value)}`) } }
})
const report = (done: boolean): void => {
  const { sent, acknowledged, failed, bytes, inFlight, labels, errors } = run.counts
  port.postMessage({ index: data.index, done, sent, acknowledged, failed, bytes, inFlight, labels, errors: errors.slice(0, 3) } satisfies WorkerReport)
}
const timer = setInterval(() => { report(false) }, 250)
port.on('message', (message: unknown) => { if (message === 'stop') run.stop() })
await run.finished
await sink.close()
clearInterval(timer)
report(true)
port.close()
