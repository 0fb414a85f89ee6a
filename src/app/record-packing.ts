// Packs generated records into one transferable buffer per batch, so worker threads receive them without copying.
//
// Layout per record: u8 topic, u16 partition, f64 timestamp, u16 key length, key (latin1), u32 value length, value.
import type { GeneratedRecord, LogicalTopic } from '../generator/generator.ts'

export interface PackedRecord { readonly topic: LogicalTopic; readonly partition: number; readonly timestamp: number; readonly key: Buffer; readonly value: Buffer }

const TOPICS: readonly LogicalTopic[] = ['transactions', 'account-events']
const HEADER = 1 + 2 + 8 + 2 + 4

export function packRecords (records: readonly GeneratedRecord[], partitions: readonly number[]): ArrayBuffer {
  let size = 0
  for (const record of records) size += HEADER + record.key.length + record.value.length
  const buffer = Buffer.allocUnsafeSlow(size)
  let at = 0
  for (let i = 0; i < records.length; i++) {
    const record = records[i] as GeneratedRecord
    at = buffer.writeUInt8(record.topic === 'transactions' ? 0 : 1, at)
    at = buffer.writeUInt16LE(partitions[i] ?? 0, at)
    at = buffer.writeDoubleLE(record.timestamp, at)
    at = buffer.writeUInt16LE(record.key.length, at)
    at += buffer.write(record.key, at, 'latin1')
    at = buffer.writeUInt32LE(record.value.length, at)
    at += record.value.copy(buffer, at)
  }
  return buffer.buffer
}

export function unpackRecords (packed: ArrayBuffer): PackedRecord[] {
  const buffer = Buffer.from(packed)
  const records: PackedRecord[] = []
  let at = 0
  while (at < buffer.length) {
    const topic = TOPICS[buffer.readUInt8(at)] ?? 'transactions'
    const partition = buffer.readUInt16LE(at + 1)
    const timestamp = buffer.readDoubleLE(at + 3)
    const keyLength = buffer.readUInt16LE(at + 11)
    const key = buffer.subarray(at + 13, at + 13 + keyLength)
    at += 13 + keyLength
    const valueLength = buffer.readUInt32LE(at)
    const value = buffer.subarray(at + 4, at + 4 + valueLength)
    at += 4 + valueLength
    records.push({ topic, partition, timestamp, key, value })
  }
  return records
}
