import { msg } from '@lit/localize';
import { ApiRequestError, type RequestErrorCode } from './api-client.js';

/** What happened and what to do, in the user's language, for every error code the client can meet. */
export function errorMessage(error: unknown): string {
  const code: RequestErrorCode = error instanceof ApiRequestError ? error.code : 'internal';
  switch (code) {
    case 'network':
      return msg('连接不上服务器。请检查网络后再试一次。');
    case 'unauthenticated':
      return msg('这台设备还没有登录。请联系您的家庭医生。');
    case 'forbidden':
    case 'not_found':
      return msg('没有找到这项内容，可能已经结束。请返回首页。');
    case 'livekit_unavailable':
      return msg('视频服务暂时不可用。请稍后再试，或打电话给医生。');
    case 'validation_failed':
    case 'malformed_json':
    case 'payload_too_large':
    case 'unsupported_media_type':
    case 'method_not_allowed':
    case 'conflict':
    case 'internal':
      return msg('出了点问题。请再试一次；如果还不行，请联系管理员。');
  }
}
