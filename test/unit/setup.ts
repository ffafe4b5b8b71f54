import { vi } from 'vitest'

// One central Electron mock for every Node test: main-process glue runs against it.
vi.mock('electron', () => import('./mocks/electron'))
