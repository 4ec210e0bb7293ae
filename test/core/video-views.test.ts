import { expect } from '@open-wc/testing';
import { VideoViews, type VideoDemand } from '../../src/core/video-views.js';

describe('VideoViews', () => {
  const setup = () => {
    const applied: [string, VideoDemand][] = [];
    const views = new VideoViews((identity, source, demand) => applied.push([`${identity}/${source}`, demand]));
    return { views, applied };
  };

  it('leaves videos alone until a tile manages one', () => {
    const { views, applied } = setup();
    views.refresh('alice', 'camera', true);
    expect(views.demandFor('alice', 'camera')).to.equal(undefined);
    expect(applied).to.deep.equal([]);
  });

  it('receives a video at the largest visible tile, and not at all once none is visible', () => {
    const { views, applied } = setup();
    const small = views.open('alice', 'camera');
    expect(applied, 'a new tile changes nothing before it is laid out').to.deep.equal([]);
    expect(views.demandFor('alice', 'camera')).to.deep.equal({ enabled: true, width: 0, height: 0 });
    small.update({ visible: true, width: 320, height: 180 });
    const large = views.open('alice', 'camera');
    large.update({ visible: true, width: 1280, height: 720.4 });
    expect(applied.at(-1)).to.deep.equal(['alice/camera', { enabled: true, width: 1280, height: 721 }]);
    large.update({ visible: false, width: 1280, height: 720 });
    expect(applied.at(-1)).to.deep.equal(['alice/camera', { enabled: true, width: 320, height: 180 }]);
    small.release();
    expect(applied.at(-1)).to.deep.equal(['alice/camera', { enabled: false, width: 0, height: 0 }]);
    const count = applied.length;
    small.update({ visible: true, width: 999, height: 999 });
    large.update({ visible: false, width: 10, height: 10 });
    expect(applied.length, 'a released view, or nothing changed: nothing applied').to.equal(count);
  });

  it('does not receive a video no tile shows, once tiles manage video', () => {
    const { views, applied } = setup();
    views.open('alice', 'camera');
    views.refresh('bob', 'camera', true);
    expect(applied.at(-1)).to.deep.equal(['bob/camera', { enabled: false, width: 0, height: 0 }]);
  });
});
