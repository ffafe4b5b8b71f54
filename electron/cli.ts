/**
 * `npm run cli -- …`: the core's headless face (see `npm run cli -- --help`). This entry sits
 * outside `electron/core` because it wires the built-in sandbox in: the core defines what it needs
 * (`SandboxPort`) and never imports the sandbox itself.
 */
import { runCli } from './core/cli/run'
import { SANDBOX_DEFAULTS, startSandbox } from './sandbox/index'

const code = await runCli(process.argv.slice(2), {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  env: process.env,
  sandbox: { start: startSandbox, defaults: SANDBOX_DEFAULTS },
})
process.exitCode = code
