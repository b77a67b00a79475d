import { msg } from '@lit/localize';
import { ApiRequestError, type ApiClient } from '../../api/api-client.js';
import { errorMessage } from '../../api/error-messages.js';
import { consoleCall } from '../../call/paths.js';
import * as consultationsApi from '../api.js';

/**
 * A follow-up call (随访): the patient's TV rings and the doctor waits on the call page. The one
 * way the console calls a resident who did not ask (the follow-up panel, the colour view).
 * Answers the call page's path to go to.
 */
export async function ringForFollowUp(api: ApiClient, patientId: string, reason: string): Promise<string> {
  const consultation = await consultationsApi.followUp(api, { patientId, reason });
  return consoleCall.build({ consultationId: consultation.id });
}

/** Why the ring did not start, in words the doctor can act on. */
export function followUpErrorText(error: unknown): string {
  const code = error instanceof ApiRequestError ? error.code : null;
  return code === 'conflict'
    ? msg('这位患者现在不能接听（可能正在另一次问诊里，或电视正在响铃）。请稍后再试。')
    : code === 'not_found' || code === 'forbidden'
      ? msg('您不能呼叫这位患者（不在您负责的范围，或资料已变更）。请刷新后再选。')
      : errorMessage(error);
}
