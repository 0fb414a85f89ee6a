// Generated traffic to files instead of Kafka: records to FILE.jsonl and labels to FILE.labels.jsonl (or --labels-out).
import { JsonlWriter, labelsPathFor } from '../generator/jsonl-writer.ts'
import type { TrafficSink } from './traffic-sink.ts'

export function createFileTrafficSink (recordsPath: string, labelsPath: string | undefined): TrafficSink {
  const writer = new JsonlWriter(recordsPath, labelsPath ?? labelsPathFor(recordsPath))
  return {
    write: async (records) => {
      for (const record of records) writer.writeRecord(record)
      return Promise.resolve()
    },
    writeLabels: async (labels) => {
      for (const label of labels) writer.writeLabel(label)
      return Promise.resolve()
    },
    close: async () => {
      writer.close()
      return Promise.resolve()
    }
  }
}
