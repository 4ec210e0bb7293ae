// Register the kit's tags, then start the app without zone.js: the kit's events reach the component's signals.
import 'rtc-elements/define';
import { provideZonelessChangeDetection } from '@angular/core';
import { bootstrapApplication } from '@angular/platform-browser';
import { Standup } from './standup';

bootstrapApplication(Standup, { providers: [provideZonelessChangeDetection()] }).catch((error: unknown) => console.error(error));
