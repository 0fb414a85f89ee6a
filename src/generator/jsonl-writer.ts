// Writes generated records and labels to JSONL files (records FILE.jsonl, labels FILE.labels.jsonl) and reads them back exactly.
//
// Record line: {"topic","key","timestamp","value"} when the value is UTF-8 JSON that JSON.stringify reproduces byte for
// byte (every normal record), else {"topic","key","timestamp","value_base64"} (poison bytes: malformed, non-UTF-8,
// empty, or JSON whose re-serialisation would differ). Readers therefore get exactly the bytes that were generated.

import { closeSync, openSync, readSync, writeSync } from 'node:fs'
import { LabelSchema } from '../domain/labels.ts'
import type { Label } from '../domain/labels.ts'
import type { GeneratedRecord, LogicalTopic, MpesaGenerator } from './generator.ts'

const FLUSH_CHARS = 1 << 20
const utf8 = new TextDecoder('utf-8', { fatal: true })

/** The JSON value to store inline, or undefined when only base64 round-trips the bytes exactly. */
function inlineValue(value: Uint8Array): unknown {
  if (value.length === 0) return undefined
  let text: string
  try {
    text = utf8.decode(value)
    const parsed = JSON.parse(text) as unknown
    return JSON.stringify(parsed) === text ? parsed : undefined
  } catch {
    return undefined
  }
}

export function recordLine(record: GeneratedRecord): string {
  const head = { topic: record.topic, key: record.key, timestamp: record.timestamp }
  const inline = inlineValue(record.value)
  const line = inline === undefined ? { ...head, value_base64: Buffer.from(record.value).toString('base64') } : { ...head, value: inline }
  return JSON.stringify(line)
}

class LineFile {
  readonly #fd: number
  #pending: string[] = []
  #chars = 0

  constructor(path: string) {
    this.#fd = openSync(path, 'w')
  }

  write(line: string): void {
    this.#pending.push(line)
    this.#chars += line.length + 1
    if (this.#chars >= FLUSH_CHARS) this.flush()
  }

  flush(): void {
    if (this.#pending.length === 0) return
    writeSync(this.#fd, this.#pending.join('\n') + '\n')
    this.#pending = []
    this.#chars = 0
  }

  close(): void {
    this.flush()
    closeSync(this.#fd)
  }
}

/** Synchronous, buffered writer for a records file and a labels file. */
export class JsonlWriter {
  readonly #records: LineFile
  readonly #labels: LineFile
  recordsWritten = 0
  labelsWritten = 0

  constructor(recordsPath: string, labelsPath: string) {
    this.#records = new LineFile(recordsPath)
    this.#labels = new LineFile(labelsPath)
  }

  writeRecord(record: GeneratedRecord): void {
    this.#records.write(recordLine(record))
    this.recordsWritten++
  }

  writeLabel(label: Label): void {
    this.#labels.write(JSON.stringify(label))
    this.labelsWritten++
  }

  close(): void {
    this.#records.close()
    this.#labels.close()
  }
}

/** The labels path that goes with a records path: FILE.jsonl → FILE.labels.jsonl. */
export function labelsPathFor(recordsPath: string): string {
  return recordsPath.endsWith('.jsonl') ? recordsPath.slice(0, -'.jsonl'.length) + '.labels.jsonl' : recordsPath + '.labels.jsonl'
}

/** Drains a generator into files; returns how many records and labels were written. */
export function writeGeneratorToJsonl(
  generator: MpesaGenerator,
  recordsPath: string,
  labelsPath: string = labelsPathFor(recordsPath)
): { records: number; labels: number } {
  const writer = new JsonlWriter(recordsPath, labelsPath)
  try {
    for (let record = generator.next(); record !== undefined; record = generator.next()) {
      writer.writeRecord(record)
      if (writer.recordsWritten % 4096 === 0) for (const label of generator.takeLabels()) writer.writeLabel(label)
    }
    for (const label of generator.takeLabels()) writer.writeLabel(label)
  } finally {
    writer.close()
  }
  return { records: writer.recordsWritten, labels: writer.labelsWritten }
}

/** Lines of a file, read in chunks so multi-gigabyte files never sit in memory whole. */
export function* readLines(path: string): Generator<string> {
  const fd = openSync(path, 'r')
  const chunk = Buffer.allocUnsafe(1 << 20)
  const decoder = new TextDecoder('utf-8')
  let carry = ''
  try {
    for (let read = readSync(fd, chunk); read > 0; read = readSync(fd, chunk)) {
      const lines = (carry + decoder.decode(chunk.subarray(0, read), { stream: true })).split('\n')
      carry = lines.pop() ?? ''
      for (const line of lines) if (line !== '') yield line
    }
    carry += decoder.decode()
    if (carry !== '') yield carry
  } finally {
    closeSync(fd)
  }
}

interface RecordLine {
  topic: LogicalTopic
  key: string
  timestamp: number
  value?: unknown
  value_base64?: string
}

export function parseRecordLine(line: string): GeneratedRecord {
  const parsed = JSON.parse(line) as RecordLine
  if ((parsed.topic !== 'transactions' && parsed.topic !== 'account-events') || typeof parsed.key !== 'string' || typeof parsed.timestamp !== 'number') {
    throw new Error('not a PesaFlow record line')
  }
  if (parsed.value_base64 === undefined && parsed.value === undefined) throw new Error('record line has no value')
  const value =
    parsed.value_base64 !== undefined ? Buffer.from(parsed.value_base64, 'base64') : Buffer.from(JSON.stringify(parsed.value), 'utf8')
  return { topic: parsed.topic, key: parsed.key, timestamp: parsed.timestamp, value }
}

/** Records of a records file, with value bytes exactly as generated. */
export function* readRecordsJsonl(path: string): Generator<GeneratedRecord> {
  for (const line of readLines(path)) yield parseRecordLine(line)
}

/** Labels of a labels file, validated against the label schema. */
export function* readLabelsJsonl(path: string): Generator<Label> {
  for (const line of readLines(path)) yield LabelSchema.parse(JSON.parse(line))
}
