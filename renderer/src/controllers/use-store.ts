// Subscribes a component to a controller's state (anything with subscribe/getState), the React 18+ way.
import { useSyncExternalStore } from 'react';

export interface Store<T> {
  subscribe(listener: () => void): () => void;
  getState(): T;
}

export function useStore<T>(store: Store<T>): T {
  return useSyncExternalStore(store.subscribe, store.getState, store.getState);
}
