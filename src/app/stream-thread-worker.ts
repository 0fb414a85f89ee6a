// A stream thread: one exactly-once processor in a worker thread of `pesaflow process --threads N`.
// It reports its counters and metrics events to the main thread, which serves progress, /metrics and signals.
import { parentPort, workerData } from 'node:worker_threads'
import { loadConfig } from '../config/config.ts'
import { describeError, isPesaflowError } from '../errors.ts'
import { createLogger } from '../log/logger.ts'
import { processorObserver } from '../metrics/processor-metrics.ts'
import { resolveTopics } from '../topics/registry.ts'
import { createProcessor, type ProcessorInstance } from './processor-instance.ts'
import type { ThreadCommand, ThreadData, ThreadMessage } from './stream-threads.ts'

const data = workerData as ThreadData
const port = parentPort
if (port === null) throw new Error('stream-thread-worker.ts runs only as a worker thread')
const post = (message: ThreadMessage): void => { port.postMessage(message) }

const config = loadConfig(process.env, data.overrides)
const topics = resolveTopics(config.topics)
const pendingVerdicts: ((stop: boolean) => void)[] = []
let processor: ProcessorInstance | undefined
let stopRequested = false
let startSignal: (() => void) | undefined
let settled = false

port.on('message', (command: ThreadCommand) => {
  if (command.type === 'stop') {
    stopRequested = true
    processor?.stop()
    startSignal?.()
  } else if (command.type === 'start') {
    startSignal?.()
  } else if (command.type === 'settled') {
    settled = true
  } else {
    pendingVerdicts.shift()?.(command.stop)
  }
})

try {
  await runThread()
} catch (error) {
  // Posted with its code, so the process exits as this failure asks (2 for bad rules or config, else 1).
  post({ type: 'failed', code: isPesaflowError(error) ? error.code : 'KAFKA_FATAL', message: describeError(error) })
} finally {
  // The port's listener would keep this thread alive.
  port.close()
}

async function runThread (): Promise<void> {
  const instance = await createProcessor({
    config,
    topics,
    log: createLogger(config.logLevel),
    processorId: data.processorId,
    settings: data.settings,
    commitIntervalMs: data.commitIntervalMs,
    untilCaughtUp: data.untilCaughtUp,
    compression: data.compression,
    rulesFile: data.rulesFile,
    observe: processorObserver(topics.alerts.name, (event) => { post({ type: 'event', event }) }),
    groupSettled: () => settled,
    caughtUpGate: async (report) => await new Promise<boolean>((resolve) => {
      pendingVerdicts.push(resolve)
      post({ type: 'caught-up', report })
    })
  })
  processor = instance
  if (stopRequested) instance.stop()
  // All threads join the group together (the main thread says go once every one is ready): a thread joining late
  // would take partitions, and their state, from one that had begun.
  await new Promise<void>((resolve) => { startSignal = resolve; post({ type: 'ready' }) })
  const status = (): ThreadMessage => {
    const totals = instance.totals()
    return { type: 'status', ...totals, lag: totals.lag.toString() }
  }
  const timer = setInterval(() => { post(status()) }, 500)
  try {
    await instance.run()
  } finally {
    clearInterval(timer)
    post(status())
  }
}
