// The exactly-once processor as a child process of `pesaflow start`: its own process, as in production; output to a log file.
import { spawn, type ChildProcess } from 'node:child_process'
import { createWriteStream, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { projectRoot } from '../config/paths.ts'

export interface ProcessorChild {
  readonly logFile: string
  /** SIGTERM: the processor commits its open transaction and leaves the group; resolves with its exit code. */
  stop (): Promise<number | null>
  readonly exited: Promise<number | null>
}

export function startProcessorChild (logDir: string, env: NodeJS.ProcessEnv, args: readonly string[] = []): ProcessorChild {
  mkdirSync(logDir, { recursive: true })
  const logFile = join(logDir, 'processor.log')
  const log = createWriteStream(logFile, { flags: 'a' })
  const child: ChildProcess = spawn(process.execPath, [join(projectRoot, 'src/cli/main.ts'), 'process', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] })
  child.stdout?.pipe(log, { end: false })
  child.stderr?.pipe(log, { end: false })
  const exited = new Promise<number | null>((resolve) => {
    child.on('exit', (code) => {
      log.end()
      resolve(code)
    })
  })
  return {
    logFile,
    exited,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM')
      return await exited
    }
  }
}
