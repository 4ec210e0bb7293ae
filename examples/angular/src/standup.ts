import { Component, CUSTOM_ELEMENTS_SCHEMA, ElementRef, signal, viewChild } from '@angular/core';
import type { ParticipantEventDetail, RtcLocalPreview, RtcRoom } from 'rtc-elements';
import { RTC_ELEMENT_INPUTS } from 'rtc-elements/angular';

const params = new URLSearchParams(location.search);
const server = params.get('server') ?? 'ws://localhost:7880';

// RTC_ELEMENT_INPUTS types the property bindings (`[participantAttributes]`); CUSTOM_ELEMENTS_SCHEMA lets the
// tags and their dashed attributes through. Events are typed through the kit's HTMLElementEventMap.
@Component({
  selector: 'app-standup',
  imports: [RTC_ELEMENT_INPUTS],
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <main>
      <h1>Stand-up</h1>
      <rtc-local-preview #preview video="low" audio></rtc-local-preview>
      <button type="button" [disabled]="joined()" (click)="join()">Join</button>
      <rtc-room
        #room
        manual
        [hidden]="!joined()"
        [serverUrl]="server"
        [room]="roomName"
        [name]="name"
        [tokenEndpoint]="tokenEndpoint"
        [participantAttributes]="attributes"
        style="display: block; height: 420px"
        (rtc-participant-joined)="onJoined($event.detail)"
        (rtc-participant-left)="onLeft($event.detail)"
      ></rtc-room>
      <h2>Everyone else</h2>
      <div style="display: flex; gap: 8px">
        @for (other of others(); track other.identity) {
          <rtc-participant-video
            [id]="'tile-' + other.identity"
            [participant]="other.identity"
            [session]="roomElement()?.nativeElement?.session"
            no-pin
            style="width: 200px"
          ></rtc-participant-video>
        }
      </div>
      <p id="log" role="status">{{ log() }}</p>
    </main>
  `,
})
export class Standup {
  protected readonly server = server;
  protected readonly roomName = params.get('room') ?? 'daily-standup';
  protected readonly name = params.get('name') ?? 'Guest';
  /** The dev server's own token endpoint (dev mode); a real app points this at its backend. */
  protected readonly tokenEndpoint = new URL('/token', server.replace(/^ws/, 'http')).href;
  protected readonly attributes = { role: 'guest' };

  private readonly preview = viewChild.required<ElementRef<RtcLocalPreview>>('preview');
  protected readonly roomElement = viewChild<ElementRef<RtcRoom>>('room');
  protected readonly joined = signal(false);
  protected readonly others = signal<ParticipantEventDetail[]>([]);
  protected readonly log = signal('');

  protected async join(): Promise<void> {
    const room = this.roomElement()?.nativeElement;
    room?.session.useLocalMedia(this.preview().nativeElement.media);
    this.joined.set(true);
    await room?.connect();
  }

  protected onJoined(participant: ParticipantEventDetail): void {
    this.others.update((list) => [...list, participant]);
    this.log.set(`${participant.name} joined`);
  }

  protected onLeft(participant: ParticipantEventDetail): void {
    this.others.update((list) => list.filter((other) => other.identity !== participant.identity));
    this.log.set(`${participant.name} left`);
  }
}
