import { defineAsyncComponent, markRaw, type Component } from 'vue'
import CollectionsSection from './components/collections/CollectionsSection.vue'
import TokenView from './components/TokenView.vue'
import HistoryPanel from './components/workbench/HistoryPanel.vue'

// Views other than the first load when first shown, so the app starts with less code to parse.
const AboutPanel = defineAsyncComponent(() => import('./components/AboutPanel.vue'))
const FlowTrace = defineAsyncComponent(() => import('./components/FlowTrace.vue'))
const ProfileEditor = defineAsyncComponent(() => import('./components/ProfileEditor.vue'))
const WorkbenchView = defineAsyncComponent(() => import('./components/workbench/WorkbenchView.vue'))
// The endpoint catalogue (most of the sidebar's elements) loads and is made when first shown.
const EndpointCatalogue = defineAsyncComponent(
  () => import('./components/workbench/EndpointCatalogue.vue'),
)
const CollectionsView = defineAsyncComponent(
  () => import('./components/collections/CollectionsView.vue'),
)

/**
 * The main-area views, in sidebar order. The request workbench (issue 7) adds itself here as
 * `{ id: 'workbench', ... }`; `shortcut` n maps to Ctrl/Cmd+n. Sidebar sections beyond Profiles
 * (Endpoints, History) go in `sidebarSections`.
 */
export interface ViewDef {
  id: string
  label: string
  /** A one-line description for the navigation's title attribute. */
  description: string
  component: Component
}

export const views: ViewDef[] = [
  {
    id: 'token',
    label: 'Token',
    description: 'Choose a grant, get a token, inspect it',
    component: markRaw(TokenView),
  },
  {
    id: 'trace',
    label: 'Flow trace',
    description: 'The HTTP exchanges of the last flow, step by step',
    component: markRaw(FlowTrace),
  },
  {
    id: 'profile',
    label: 'Profile settings',
    description: 'Environment, credentials and defaults of the profile',
    component: markRaw(ProfileEditor),
  },
  {
    id: 'workbench',
    label: 'Workbench',
    description: 'Build and send requests to any endpoint, see the response',
    component: markRaw(WorkbenchView),
  },
  {
    id: 'about',
    label: 'About',
    description: 'Version, platform and secret storage',
    component: markRaw(AboutPanel),
  },
  // Collections (issue 14): runner and variables; after About so the Ctrl+1..5 views stay put.
  {
    id: 'collections',
    label: 'Collections',
    description: 'Run a collection, edit collection and profile variables',
    component: markRaw(CollectionsView),
  },
]

/** Sidebar sections always shown below Profiles: the user's own collections come first. */
export const sidebarPinned: { id: string; title: string; component: Component }[] = [
  { id: 'collections', title: 'Collections', component: markRaw(CollectionsSection) },
]

/** Sidebar lists below the collections, one at a time as tabs (the endpoint catalogue, history). */
export const sidebarSections: { id: string; title: string; component: Component }[] = [
  { id: 'endpoints', title: 'Endpoints', component: markRaw(EndpointCatalogue) },
  { id: 'history', title: 'History', component: markRaw(HistoryPanel) },
]

export const viewById = (id: string): ViewDef => views.find((v) => v.id === id) ?? views[0]!
