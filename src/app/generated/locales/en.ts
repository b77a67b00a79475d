
    // Do not modify this file by hand!
    // Re-generate this file by running lit-localize

    
    import {str} from '@lit/localize';

    /* eslint-disable no-irregular-whitespace */
    /* eslint-disable @typescript-eslint/no-explicit-any */

    export const templates = {
      's09336e9a90ebdc98': str`Hello, ${0}`,
's2186ae2ae8226526': str`Video call with ${0}: ${1}`,
's25c38d8066407e6d': `Something went wrong. Please try again; if it still fails, contact the administrator.`,
's2c2ed9d3c9791a10': `The video service is unavailable right now. Try again later, or phone your doctor.`,
's2dab07d4fb45cd38': `This device is not signed in. Please contact your family doctor.`,
's36302a2c5d74eaa2': `Doctor at Home`,
's533edba836e4b9f9': str`Video call with Dr ${0} (${1}): ${2}`,
's54221e86c7c45e90': `This item was not found; it may have ended. Please go back to Home.`,
's6b2cf70809598f38': `Hang up`,
's6dcad25d3a917690': `Loading, please wait…`,
's710e5ef6b08ba875': `The network is unstable. Reconnecting…`,
's99de650478d5707c': `Try again`,
'sc12d8c889a2ee154': `Connecting, please wait…`,
'sc7a9d454fdfe5791': `Cannot reach the server. Check the network and try again.`,
'sd0a641b3ce10351a': `No video consultations are scheduled right now.`,
'sd941a17af33f6c36': `The call has ended.`,
'se90349a5f105ebee': `The call could not be connected.`,
'sf11c7d6e69e23049': `Waiting for the other person to join…`,
'sf850c40c49818487': `This page does not exist.`,
    };
  