// `pesaflow dashboard`: the live operations page, alert store and metrics at http://127.0.0.1:8080 until Ctrl-C.
import { Command } from 'commander'
import { startOperationsDashboard } from '../../app/operations-dashboard.ts'
import { requireCluster } from '../cluster.ts'
import { commandContext, untilStopSignal } from '../context.ts'
import { createAllTopics } from './topics.ts'

export function dashboardCommand (): Command {
  return new Command('dashboard')
    .description('serve the live operations dashboard (alerts, volumes, lag, latency, /metrics, /health, /ready)')
    .option('--host <address>', 'address to bind (anything but loopback requires DASHBOARD_TOKEN)')
    .option('--dashboard-port <port>', 'port (default 8080)')
    .action(async (opts: { host?: string; dashboardPort?: string }, command: Command) => {
      const ctx = commandContext(command, { dashboardHost: opts.host, dashboardPort: opts.dashboardPort })
      await requireCluster(ctx)
      await createAllTopics(ctx)
      const dashboard = await startOperationsDashboard(ctx.config, ctx.topics, ctx.log)
      console.log(`Dashboard at ${dashboard.url}${ctx.config.dashboard.token === undefined ? '' : ' (token required)'}; store: ${ctx.config.store.databaseUrl === undefined ? `PGlite in ${ctx.config.store.dataDir}` : 'PostgreSQL'}. Ctrl-C to stop.`)
      await untilStopSignal()
      await dashboard.close()
      console.log('Dashboard stopped.')
    })
}
