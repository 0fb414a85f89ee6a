// The partition of a key, exactly as PesaFlow's producers (and Kafka's Java clients) choose it.
import { compatibilityPartitioner } from '@platformatic/kafka'

export function partitionForKey (key: string | Buffer, partitions: number): number {
  const bytes = typeof key === 'string' ? Buffer.from(key) : key
  return compatibilityPartitioner({ topic: '' }, bytes) % partitions
}
