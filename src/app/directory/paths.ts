import { path } from '../router/route.js';

/** 我的健康档案: the resident's own record. */
export const tvRecord = path('/tv/record');
