/// <reference types="vite/client" />
import type { Api } from '../../electron/shared/contract'

declare global {
  interface Window {
    /** Provided by the preload (Electron) or the browser harness (tests). */
    api?: Api
  }
}

declare module '*.vue' {
  import type { DefineComponent } from 'vue'
  const component: DefineComponent<object, object, unknown>
  export default component
}

export {}
