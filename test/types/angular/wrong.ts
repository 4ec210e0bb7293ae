// Mistakes an Angular template can make with the kit's tags: ngc with strictTemplates must report each one
// (test/node/framework-types.test.mjs checks the exact list).
import { Component, CUSTOM_ELEMENTS_SCHEMA } from '@angular/core';
import type { ParticipantEventDetail } from 'rtc-elements';
import { RTC_ELEMENT_INPUTS } from 'rtc-elements/angular';

@Component({
  selector: 'app-wrong',
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <rtc-room (rtc-participant-joined)="joined($event.detail.nope)" (rtc-error)="failed($event.detail.code)"></rtc-room>
    <rtc-room (rtc-participant-left)="left($event.detail)"></rtc-room>
  `,
})
export class Wrong {
  joined(identity: string): string {
    return identity;
  }
  failed(code: number): number {
    return code;
  }
  left(participant: ParticipantEventDetail): string {
    return participant.identity;
  }
}

// With the typed inputs, property bindings are checked too; what is right still compiles.
@Component({
  selector: 'app-wrong-inputs',
  imports: [RTC_ELEMENT_INPUTS],
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <rtc-room manual room="standup" [participantAttributes]="42" [layout]="'mosaic'" [pageSize]="'nine'"></rtc-room>
    <rtc-room manual page-size="9" [pageSize]="9" [participantAttributes]="{ role: 'host' }" [layout]="'speaker'" video audio></rtc-room>
    <rtc-local-preview video audio [mirrored]="false"></rtc-local-preview>
  `,
})
export class WrongInputs {}
