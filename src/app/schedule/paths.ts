import { path } from '../router/route.js';

/** 预约与巡诊 on the TV. */
export const tvAppointments = path('/tv/appointments');
/** The console's 巡诊与上门: home visits, the mobile clinic's visits and slots, signed residents. */
export const consoleSchedule = path('/console/schedule');
/** The kiosk's 申请上门 for a resident of the care home. */
export const kioskHomeVisit = path('/kiosk/home-visit/:patientId');
