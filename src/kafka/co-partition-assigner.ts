// The group assignor for co-partitioned inputs: partition p of every input topic goes to the same member.
//
// A task owns one partition number across all its input topics (transactions and account events of one account
// meet in one task), so the client's default per-topic assignment, which may split them, cannot be used. Members
// keep the partitions they owned when the quotas allow it (sticky), which spares state restores on a rebalance.
import type { ClusterMetadata, ExtendedGroupProtocolSubscription, GroupPartitionsAssignments } from '@platformatic/kafka'
import { PesaflowError } from '../errors.ts'

/** Pure: which partition numbers each member gets, given what each owned before (possibly nothing). */
export function coPartitionedAssignment (partitionCount: number, owned: ReadonlyMap<string, readonly number[]>): Map<string, number[]> {
  const members = [...owned.keys()].sort()
  const result = new Map<string, number[]>(members.map((m) => [m, []]))
  if (members.length === 0) return result
  const base = Math.floor(partitionCount / members.length)
  let withExtra = partitionCount % members.length
  const quota = new Map<string, number>()
  // The extra partitions (when they do not divide evenly) go to the members that owned most, to move fewer.
  const byOwned = [...members].sort((a, b) => (owned.get(b)?.length ?? 0) - (owned.get(a)?.length ?? 0) || (a < b ? -1 : 1))
  for (const member of byOwned) {
    quota.set(member, base + (withExtra > 0 ? 1 : 0))
    if (withExtra > 0) withExtra--
  }
  const taken = new Set<number>()
  for (const member of members) {
    const mine = result.get(member) ?? []
    for (const p of [...new Set(owned.get(member) ?? [])].sort((a, b) => a - b)) {
      if (p < partitionCount && !taken.has(p) && mine.length < (quota.get(member) ?? 0)) {
        mine.push(p)
        taken.add(p)
      }
    }
  }
  for (let p = 0; p < partitionCount; p++) {
    if (taken.has(p)) continue
    const member = members.find((m) => (result.get(m)?.length ?? 0) < (quota.get(m) ?? 0)) ?? members[0] ?? ''
    result.get(member)?.push(p)
    taken.add(p)
  }
  for (const list of result.values()) list.sort((a, b) => a - b)
  return result
}

/** The client hook: subscribed topics must have the same partition count (the topic registry guarantees it). */
export function coPartitionAssigner (
  _current: string, members: Map<string, ExtendedGroupProtocolSubscription>, topics: Set<string>, metadata: ClusterMetadata
): GroupPartitionsAssignments[] {
  const counts = [...topics].map((topic) => metadata.topics.get(topic)?.partitionsCount ?? 0)
  const partitionCount = Math.min(...counts)
  if (counts.some((c) => c !== partitionCount)) {
    throw new PesaflowError('CONFIG_INVALID', `input topics ${[...topics].join(', ')} must have the same number of partitions (have ${counts.join(', ')})`)
  }
  const owned = new Map([...members.keys()].map((id) => [id, (members.get(id)?.ownedPartitions ?? []).flatMap((a) => a.partitions)]))
  const plan = coPartitionedAssignment(partitionCount, owned)
  return [...plan].map(([memberId, partitions]) => ({
    memberId,
    assignments: new Map([...topics].map((topic) => [topic, { topic, partitions: [...partitions] }]))
  }))
}
