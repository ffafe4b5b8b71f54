import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../helpers/app-services'

let app: TestApp | undefined
afterEach(async () => {
  await app?.services.dispose()
  app = undefined
})

describe('collections changed by another program', () => {
  it('a file written on disk is announced (debounced) and listed without a restart', async () => {
    app = await createTestApp()
    const c = app.services.collections
    const created = await c.createCollection({ name: 'Watched', variables: [], items: [] })
    await c.list() // starts watching
    app.events.length = 0
    writeFileSync(
      join(created.dir, 'added-by-git.yaml'),
      'version: 1\nname: Added by git\nmethod: GET\nurl: "{{apiBase}}/x"\n',
    )
    await expect
      .poll(() => app!.events.filter((e) => e.event === 'collections:changed').length, {
        timeout: 5000,
      })
      .toBeGreaterThan(0)
    const listed = (await c.list()).collections.find((x) => x.id === created.id)!
    expect(listed.items.map((i) => i.name)).toEqual(['Added by git'])
  })
})
