// What each side's camera sends (src/app/call/call-livekit.ts): a resident's TV or kiosk one
// 640×360 stream at 20 fps, a clinician's console 720p with 360p and 180p simulcast layers; both
// receive with adaptive stream and send with dynacast. Checked against livekit-client's own presets,
// so that a change of either is seen here.
import { expect } from '@open-wc/testing';
import { VideoPresets } from 'livekit-client';
import { cameraProfile, roomOptions } from '../../src/app/call/call-livekit.js';

/** A preset's size and frame rate (its aspectRatio is not asked of the camera). */
const sizeOf = ({ resolution: { width, height, frameRate } }: typeof VideoPresets.h360) => ({
  width,
  height,
  frameRate,
});

describe('call camera profiles', () => {
  it('a resident’s TV or kiosk sends one 640×360 stream at 20 fps, LiveKit’s h360, without simulcast', () => {
    const options = roomOptions(VideoPresets, 'resident');
    expect(options.videoCaptureDefaults?.resolution).to.deep.equal(sizeOf(VideoPresets.h360));
    expect(options.publishDefaults?.simulcast).to.equal(false);
    expect(options.publishDefaults?.videoSimulcastLayers).to.deep.equal([]);
    expect(options.publishDefaults?.videoEncoding).to.deep.equal({
      maxBitrate: VideoPresets.h360.encoding.maxBitrate,
      maxFramerate: VideoPresets.h360.encoding.maxFramerate,
    });
    expect(cameraProfile('resident').capture).to.deep.equal({ width: 640, height: 360, frameRate: 20 });
  });

  it('a clinician’s console sends 720p with 180p and 360p simulcast layers', () => {
    const options = roomOptions(VideoPresets, 'clinician');
    expect(options.videoCaptureDefaults?.resolution).to.deep.equal(sizeOf(VideoPresets.h720));
    expect(options.publishDefaults?.simulcast).to.equal(true);
    expect(options.publishDefaults?.videoSimulcastLayers).to.deep.equal([
      VideoPresets.h180,
      VideoPresets.h360,
    ]);
    expect(options.publishDefaults?.videoEncoding).to.deep.equal({
      maxBitrate: VideoPresets.h720.encoding.maxBitrate,
      maxFramerate: VideoPresets.h720.encoding.maxFramerate,
    });
  });

  it('both receive each picture at the size it is shown and send no layer nobody watches', () => {
    for (const sender of ['resident', 'clinician'] as const) {
      const options = roomOptions(VideoPresets, sender);
      expect(options.adaptiveStream, sender).to.equal(true);
      expect(options.dynacast, sender).to.equal(true);
      expect(options.publishDefaults?.red, sender).to.equal(true);
      expect(options.publishDefaults?.dtx, sender).to.equal(true);
    }
  });
});
