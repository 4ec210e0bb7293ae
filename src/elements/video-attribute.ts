import { parseVideoAttribute, type LocalMediaOptions } from '../core/local-media.js';

/** The `video` attribute of the room and the preview: absent, empty (`standard`), a preset, or `WIDTHxHEIGHT`. */
export const videoAttributeConverter = {
  fromAttribute: (value: string | null) => parseVideoAttribute(value),
  toAttribute: (value: LocalMediaOptions['video']) => {
    if (value === false || value === undefined) return null;
    if (value === true) return '';
    if (typeof value === 'string') return value;
    return 'width' in value && 'height' in value ? `${value.width}x${value.height}` : '';
  },
};
