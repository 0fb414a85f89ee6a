// Consumer lag of a group on one topic, per partition: the columns of `kafka-consumer-groups --describe`.
import { createKafkaAdmin } from './admin.ts'
import type { KafkaConnection } from './client-options.ts'

export interface LagRow {
  readonly topic: string
  readonly partition: number
  /** The group's committed offset; undefined when it has none for this partition (shown as "-"). */
  readonly current: bigint | undefined
  /** The partition's log-end offset (high watermark). */
  readonly logEnd: bigint
  readonly lag: bigint | undefined
  /** The member that owns the partition now, if any. */
  readonly consumerId: string | undefined
  readonly host: string | undefined
  readonly clientId: string | undefined
}

export interface GroupLag { readonly groupId: string; readonly state: string; readonly rows: readonly LagRow[] }

export async function consumerLag (kafka: KafkaConnection, groupId: string, topic: string): Promise<GroupLag> {
  const admin = createKafkaAdmin(kafka)
  try {
    const [description] = await admin.describeTopics([topic])
    if (description === undefined) return { groupId, state: 'UNKNOWN', rows: [] }
    const [ends, committed, group] = await Promise.all([admin.endOffsets([description]), admin.groupOffsets(groupId, [topic]), admin.describeGroup(groupId)])
    const owners = new Map((group?.members ?? []).flatMap((m) => m.partitions.map((p) => [p, m] as const)))
    const rows = Array.from({ length: description.partitions }, (_, partition): LagRow => {
      const key = `${topic}:${partition}`
      const logEnd = ends.get(key) ?? 0n
      const current = committed.get(key)
      const owner = owners.get(key)
      return {
        topic, partition, current, logEnd,
        lag: current === undefined ? undefined : logEnd - current,
        consumerId: owner?.memberId, host: owner?.host, clientId: owner?.clientId
      }
    })
    return { groupId, state: group?.state ?? 'UNKNOWN', rows }
  } finally {
    await admin.close()
  }
}

/** The total lag: partitions without a committed offset count from 0. */
export function totalLag (rows: readonly LagRow[]): bigint {
  return rows.reduce((sum, row) => sum + (row.lag ?? row.logEnd), 0n)
}
