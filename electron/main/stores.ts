import Store from 'electron-store'
import { STORE_FILE_OPTIONS, type KeyValueStore } from '../core/vault/kv-store'

/** An electron-store file in `dir`, created with mode 0600. */
export function openElectronStore(dir: string, name: string): KeyValueStore {
  return new Store<Record<string, unknown>>({ name, cwd: dir, ...STORE_FILE_OPTIONS })
}
