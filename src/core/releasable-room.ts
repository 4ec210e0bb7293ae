import { Room, type RoomOptions } from 'livekit-client';

/**
 * A livekit-client `Room` that can be garbage-collected once it is left.
 *
 * livekit-client 2.23's `Room` constructor listens for `devicechange` through a closure, and registers another
 * closure with a `FinalizationRegistry` to remove that listener once the Room is collected. Both closures share
 * the constructor's scope, which holds the Room itself, so the registry (and the listener) keep every Room, its
 * engine and what they hold, alive for the page's life: about 40 KB a join. With the registry turned off for the
 * construction, the Room takes its plain path instead, a listener that {@link releaseRoom} removes.
 */
export function createReleasableRoom(options?: RoomOptions): Room {
  const registry = Room.cleanupRegistry;
  Room.cleanupRegistry = false;
  try {
    return new Room(options);
  } finally {
    Room.cleanupRegistry = registry;
  }
}

/**
 * Removes what keeps a left Room alive (its `devicechange` listener). livekit-client removes it itself only when
 * a connected Room disconnects; a Room whose join failed keeps it. Anything else (a test's fake) is left alone.
 */
export function releaseRoom(room: Room): void {
  const listener = (room as unknown as { handleDeviceChange?: unknown }).handleDeviceChange;
  if (typeof listener === 'function') navigator.mediaDevices?.removeEventListener?.('devicechange', listener as EventListener);
}
