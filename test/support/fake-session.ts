import type { LocalMedia, LocalSource } from '../../src/core/local-media.js';
import type { ConnectOptions, ScreenShareOptions } from '../../src/core/room-session.js';
import { ScriptedSession, participantView, trackView } from '../../src/core/scripted-session.js';
import type { TrackSource } from '../../src/core/types.js';

export { participantView as participant, trackView as track };

/** A scripted session that also records what the elements asked of it. */
export class FakeSession extends ScriptedSession {
  readonly calls: { method: string; args: unknown[] }[] = [];

  override async connect(options: ConnectOptions): Promise<void> {
    this.calls.push({ method: 'connect', args: [options] });
    await super.connect(options);
  }

  override async leave(): Promise<void> {
    this.calls.push({ method: 'leave', args: [] });
    await super.leave();
  }

  override useLocalMedia(media: LocalMedia): () => void {
    this.calls.push({ method: 'useLocalMedia', args: [media] });
    const release = super.useLocalMedia(media);
    return () => {
      this.calls.push({ method: 'releaseLocalMedia', args: [media] });
      release();
    };
  }

  override async setCameraEnabled(enabled: boolean): Promise<void> {
    this.calls.push({ method: 'setCameraEnabled', args: [enabled] });
    await super.setCameraEnabled(enabled);
  }

  override async setMicrophoneEnabled(enabled: boolean): Promise<void> {
    this.calls.push({ method: 'setMicrophoneEnabled', args: [enabled] });
    await super.setMicrophoneEnabled(enabled);
  }

  override async unpublish(source: LocalSource): Promise<void> {
    this.calls.push({ method: 'unpublish', args: [source] });
  }

  override async publish(source: LocalSource): Promise<void> {
    this.calls.push({ method: 'publish', args: [source] });
  }

  override async setScreenShareEnabled(enabled: boolean, options?: ScreenShareOptions): Promise<void> {
    this.calls.push({ method: 'setScreenShareEnabled', args: [enabled, options] });
    await super.setScreenShareEnabled(enabled, options);
  }

  override setSubscribed(identity: string, source: TrackSource, subscribed: boolean): void {
    this.calls.push({ method: 'setSubscribed', args: [identity, source, subscribed] });
    super.setSubscribed(identity, source, subscribed);
  }
}
