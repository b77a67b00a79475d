import { msg } from '@lit/localize';
import { ApiRequestError, type RequestErrorCode } from './api-client.js';

/** What happened and what to do, in the user's language, for every error code the client can meet. */
export function errorMessage(error: unknown): string {
  // Not the API's: the device itself could not keep a write (offline/outbox.ts OutboxFullError).
  if ((error as { code?: unknown } | null)?.code === 'storage_full') {
    return msg('电视的存储空间满了，这条记录没有保存。请记在纸上，并打电话告诉医生。');
  }
  const code: RequestErrorCode = error instanceof ApiRequestError ? error.code : 'internal';
  switch (code) {
    case 'network':
      return msg('连接不上服务器。请检查网络后再试一次。');
    case 'unauthenticated':
      return msg('这台设备还没有登录。请联系您的家庭医生。');
    case 'forbidden':
    case 'not_found':
      return msg('没有找到这项内容，可能已经结束。请返回首页。');
    case 'csrf_failed':
      return msg('页面已过期。请刷新页面后再试。');
    case 'too_many_attempts':
      return msg('尝试次数太多，已暂时锁定。请15分钟后再试。');
    case 'too_many_streams':
      return msg('这个账号同时打开的页面太多了。请关掉其他页面或设备上的本应用后再试。');
    case 'invalid_credentials':
      return msg('用户名、密码或PIN不对。请再试一次。');
    case 'authorization_pending':
    case 'slow_down':
      return msg('还在等待绑定，请稍候。');
    case 'confirmation_pending':
      return msg('电视已经绑定好了，正在等家庭医生确认。医生确认以后，这里会自动进入首页。');
    case 'expired_token':
    case 'access_denied':
      return msg('绑定码已过期。屏幕上会自动换一个新的。');
    case 'livekit_unavailable':
      return msg('视频服务暂时不可用。请稍后再试，或打电话给医生。');
    case 'speech_unavailable':
      return msg('语音朗读暂时不可用。屏幕上的文字不受影响。');
    case 'illegal_transition':
      return msg('这张药单的状态已经变了，不能这样操作。请刷新后再看。');
    case 'idempotency_key_reused':
      return msg('这次配药请求和之前的不一致。请返回我的药，重新选择要配的药。');
    case 'no_refills_left':
      return msg('这张处方已经不能再配药了。请联系您的家庭医生开新处方。');
    case 'order_in_progress':
      return msg('这个药已经在配送中，不用再配。可以在我的药里查看进度。');
    case 'slot_full':
      return msg('这个时间已经约满了。请选另一个时间。');
    case 'double_booking':
      return msg('这个时间您已经有别的预约了。请选另一个时间。');
    case 'booking_closed':
      return msg('这个时间已经开始或已取消，不能再预约。请选另一个时间。');
    case 'not_cancellable':
      return msg('这个预约已经开始或已取消，不能再取消。');
    case 'reading_conflict':
      return msg('这次测量和已保存的记录不一致，没有重复保存。请核对后再测一次。');
    case 'reading_implausible':
      return msg('这个数值不可能是测出来的，可能是按错了。请核对后重新输入。');
    case 'reading_needs_confirmation':
      return msg('这个数值很少见。请再看一眼，确认无误后按“确认”。');
    case 'reading_not_editable':
      return msg('这条记录只能由录入的人在10分钟内修改或撤回。');
    case 'reading_series_mismatch':
      return msg('三次测量的结果没有对上，请重新测量。');
    case 'identification_failed':
      return msg('身份证后四位或出生日期不对。请再试一次，或请工作人员帮忙。');
    case 'card_unknown':
      return msg('这张二维码卡认不出来。请找家庭医生重新办一张卡，或者用身份证后四位和出生日期。');
    case 'card_revoked':
      return msg('这张二维码卡已经作废了。请找家庭医生领新卡，或者用身份证后四位和出生日期。');
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
