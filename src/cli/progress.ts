// Live progress for long commands: refreshed in place on a terminal, a plain line every few seconds otherwise.

export interface Progress { stop (finalLine?: string): void }

export function startProgress (render: () => string, stream: NodeJS.WriteStream = process.stderr): Progress {
  const tty = stream.isTTY
  const timer = setInterval(() => {
    if (tty) stream.write('\r\x1b[2K' + render())
    else stream.write(render() + '\n')
  }, tty ? 250 : 5000)
  timer.unref()
  return {
    stop: (finalLine) => {
      clearInterval(timer)
      if (tty) stream.write('\r\x1b[2K')
      if (finalLine !== undefined) stream.write(finalLine + '\n')
    }
  }
}

export function formatRate (count: number, seconds: number): string {
  return seconds > 0 ? Math.round(count / seconds).toLocaleString('en-US') : '0'
}
