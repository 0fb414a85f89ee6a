// A stable identity for a processor process on this machine: the lowest free slot, kept across restarts.
//
// Its transactional id derives from it, so a restarted processor (after kill -9) takes over its predecessor's
// id, which fences the dead instance and aborts its open transaction at once instead of after a timeout.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { isProcessAlive } from '../os/process-alive.ts'

export interface ProcessorSlot { readonly processorId: string; release (): void }


export function claimProcessorSlot (dataDir: string, groupId: string): ProcessorSlot {
  const dir = join(dataDir, 'processors', groupId)
  mkdirSync(dir, { recursive: true })
  for (let slot = 1; slot < 1000; slot++) {
    const file = join(dir, `slot-${slot}.pid`)
    const holder = existsSync(file) ? Number(readFileSync(file, 'utf8')) : 0
    if (holder > 0 && holder !== process.pid && isProcessAlive(holder)) continue
    writeFileSync(file, String(process.pid))
    return {
      processorId: `${hostname()}-${slot}`,
      release: () => { if (existsSync(file) && Number(readFileSync(file, 'utf8')) === process.pid) rmSync(file, { force: true }) }
    }
  }
  throw new Error(`no free processor slot in ${dir}`)
}
