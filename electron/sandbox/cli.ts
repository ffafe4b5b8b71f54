/**
 * `npm run sandbox` (tsx electron/sandbox/cli.ts): starts the sandbox, prints the base
 * URLs and the demo credentials, runs until interrupted, then shuts down cleanly.
 * With --json the first line of output is one JSON object.
 */
import { SANDBOX_CONTROL_HEADER } from '../shared/sandbox-control'
import { USAGE, parseArgs } from './cli-args'
import { startSandbox } from './index'

async function main(): Promise<void> {
  const parsed = parseArgs(process.argv.slice(2))
  if (parsed.kind === 'help') {
    process.stdout.write(USAGE)
    return
  }
  if (parsed.kind === 'error') {
    process.stderr.write(`${parsed.message}\n\n${USAGE}`)
    process.exitCode = 2
    return
  }
  let sandbox
  try {
    sandbox = await startSandbox(parsed.options)
  } catch (error) {
    process.stderr.write(
      `Could not start the sandbox: ${error instanceof Error ? error.message : String(error)}\n`,
    )
    process.exitCode = 1
    return
  }
  const { info } = sandbox
  if (parsed.json) {
    const line = {
      apiBase: info.apiBase,
      invitationsBase: info.invitationsBase,
      loginUrl: info.loginUrl,
      apiKey: info.apiKey,
      apiSecret: info.apiSecret,
      username: info.username,
      password: info.password,
      businessUnitId: info.businessUnitId,
      businessUserId: info.businessUserId,
      redirectUri: info.redirectUri,
    }
    process.stdout.write(`${JSON.stringify(line)}\n`)
  }
  // The user asked for the demo credentials: printing them is the point of this command.
  process.stdout.write(
    [
      'Trustpilot sandbox running (Ctrl+C to stop)',
      `  API:              ${info.apiBase}`,
      `  Invitations API:  ${info.invitationsBase}`,
      `  Login page:       ${info.loginUrl}`,
      `  Controls:         ${info.controlBase} (send the header ${SANDBOX_CONTROL_HEADER}: 1)`,
      `  API key:          ${info.apiKey}`,
      `  API secret:       ${info.apiSecret}`,
      `  Username:         ${info.username}`,
      `  Password:         ${info.password}`,
      `  Business unit id: ${info.businessUnitId}`,
      `  Business user id: ${info.businessUserId}`,
      `  Redirect URI:     ${info.redirectUri}`,
      '',
    ].join('\n'),
  )

  let stopping = false
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return
    stopping = true
    process.stderr.write(`Received ${signal}, shutting down\n`)
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

void main()
